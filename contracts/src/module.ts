/** What a module's audit entries are called in the log browser: its actions and the records they concern. */
export interface AuditLabels {
  actions: Record<string, string>;
  entityTypes: Record<string, string>;
  /**
   * The Chinese names of the fields its entries' before and after hold (`creditCode` → 统一社会信用代码).
   * They name the fields of entries about its own kinds of record first; a field no one else names is
   * named by them everywhere (e.g. in the filters of an export).
   */
  fields?: Record<string, string>;
  /** The Chinese names of coded values, by field (`unionStatus` → { own: 单独建会 … }), applied the same way. */
  values?: Record<string, Record<string, string>>;
}

/** What a module adds to the contracts both sides read, exported from its own contracts file. */
export interface ModuleContract {
  /** Its permission names (`x:read`, `x:write` …); the server's manifest says which roles hold them. */
  permissions: readonly string[];
  auditLabels: AuditLabels;
}
