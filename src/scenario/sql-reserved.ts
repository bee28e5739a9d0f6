// PostgreSQL keywords that cannot stand bare as a table or column name ("reserved" and
// "reserved (can be function or type)" in the PostgreSQL 17 keyword appendix).
export const SQL_RESERVED_WORDS: ReadonlySet<string> = new Set(
  (
    "all analyse analyze and any array as asc asymmetric both case cast check collate column constraint " +
    "create current_catalog current_date current_role current_time current_timestamp current_user default " +
    "deferrable desc distinct do else end except false fetch for foreign from grant group having in " +
    "initially intersect into lateral leading limit localtime localtimestamp not null offset on only or " +
    "order placing primary references returning select session_user some symmetric system_user table then " +
    "to trailing true union unique user using variadic when where window with " +
    "authorization binary collation concurrently cross current_schema freeze full ilike inner is isnull " +
    "join left like natural notnull outer overlaps right similar tablesample verbose"
  ).split(" "),
);
