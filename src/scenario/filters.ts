// Placeholder filters: `{name|pascal}` etc. Case filters split on separators and case changes;
// `ident` makes a value safe to stand as a PostgreSQL identifier.
import { FilterError } from "./errors.ts";
import { SQL_RESERVED_WORDS } from "./sql-reserved.ts";
import { FILTERS, type FilterName } from "./types.ts";

export function isFilterName(name: string): name is FilterName {
  return (FILTERS as readonly string[]).includes(name);
}

/** Words of a name: `billing-service`, `billing_service`, `BillingService`, `HTTPServer2` -> lowercase words. */
export function words(value: string): string[] {
  return value
    .replace(/(\p{Ll}|\p{N})(\p{Lu})/gu, "$1 $2")
    .replace(/(\p{Lu}+)(\p{Lu}\p{Ll})/gu, "$1 $2")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function caseFilter(filter: FilterName, value: string, join: (parts: string[]) => string): string {
  const parts = words(value);
  if (parts.length === 0) throw new FilterError(filter, value, "it holds no letters or digits");
  return join(parts);
}

const PG_MAX_IDENTIFIER_BYTES = 63;

/** A PostgreSQL identifier: bare when it is a plain lowercase non-reserved name, else double-quoted. */
export function sqlIdent(value: string): string {
  if (value.length === 0) throw new FilterError("ident", value, "an identifier cannot be empty");
  if (value.includes("\0"))
    throw new FilterError("ident", value, "an identifier cannot hold a NUL character");
  if (Buffer.byteLength(value) > PG_MAX_IDENTIFIER_BYTES) {
    throw new FilterError(
      "ident",
      value,
      `PostgreSQL truncates identifiers to ${PG_MAX_IDENTIFIER_BYTES} bytes`,
    );
  }
  if (/^[a-z_][a-z0-9_]*$/.test(value) && !SQL_RESERVED_WORDS.has(value)) return value;
  return `"${value.replaceAll('"', '""')}"`;
}

export function applyFilter(filter: FilterName, value: string): string {
  switch (filter) {
    case "pascal":
      return caseFilter(filter, value, (p) => p.map(capitalize).join(""));
    case "camel":
      return caseFilter(filter, value, (p) => p.map((w, i) => (i === 0 ? w : capitalize(w))).join(""));
    case "snake":
      return caseFilter(filter, value, (p) => p.join("_"));
    case "kebab":
      return caseFilter(filter, value, (p) => p.join("-"));
    case "ident":
      return sqlIdent(value);
  }
}

export function applyFilters(value: string, filters: readonly string[]): string {
  let result = value;
  for (const filter of filters) {
    if (!isFilterName(filter)) {
      throw new FilterError(filter, value, `unknown filter; expected one of ${FILTERS.join(", ")}`);
    }
    result = applyFilter(filter, result);
  }
  return result;
}
