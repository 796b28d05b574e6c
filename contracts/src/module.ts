/** What a module's audit entries are called in the log browser: its actions and the records they concern. */
export interface AuditLabels {
  actions: Record<string, string>;
  entityTypes: Record<string, string>;
}

/** What a module adds to the contracts both sides read, exported from its own contracts file. */
export interface ModuleContract {
  /** Its permission names (`x:read`, `x:write` …); the server's manifest says which roles hold them. */
  permissions: readonly string[];
  auditLabels: AuditLabels;
}
