// What the App is given: the store, the delivery log, the catalogs, clocks. Passed in (never imported
// singletons) so tests and the bench wire real ones of their choosing.
import type { RunStore } from "../engine/ports.ts";
import type { RepoCatalogs } from "./catalog/repo-catalogs.ts";

export interface DeliveryLog {
  /** True the first time a delivery id is seen; false for a redelivery. */
  record(deliveryId: string, event: string): Promise<boolean>;
}

export interface AppDeps {
  store: RunStore;
  deliveries: DeliveryLog;
  catalogs: RepoCatalogs;
  newRunId: () => string;
  now: () => Date;
  /** This App's id: comments it wrote (`performed_via_github_app.id`) are never read as commands. */
  appId?: number;
  /** This App's bot login (`<slug>[bot]`), the same guard for payloads without `performed_via_github_app`. */
  botLogin?: string;
}
