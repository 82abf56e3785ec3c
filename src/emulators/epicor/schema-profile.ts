/**
 * Switches for how a real Kinetic tenant describes and filters its data, beside the request-limit switches of the
 * server profile (the fit rule: every behaviour the client must survive can be turned on in the emulator and is
 * tested with it on). Facts: the reference sheet's `$metadata`, child-set, date-literal and "Real rows are wide"
 * notes. Off (undefined) = the emulator's plain behaviour, so benchmarks stay comparable.
 */
export interface SchemaProfile {
  /**
   * `$metadata` laid out as the swagger of a live tenant suggests: row types in an `Erp.Tablesets` schema (used
   * through its alias), the `EntityContainer` in the service's schema, system fields inherited from a `BaseType` in
   * another schema, a decoy type beside each row type, comments (one wrapping a `<Property>`), `Annotation`
   * children, a CDATA section, `&#95;` in names, `</EntityType >`, and UD decimals with `Scale="Variable"`.
   */
  tablesetsMetadata?: boolean;
  /**
   * `Edm.DateTimeOffset` literals without `Z` or an offset are refused the way Microsoft.OData refuses them (HTTP 400
   * "The time zone information is missing on the DateTimeOffset value …", OData/odata.net issue #534).
   */
  strictDateLiterals?: boolean;
  /**
   * On the child sets (PODetails, PORels, APInvDtls, APTrans) a `$filter` is evaluated against the parent row
   * (POHeader, APInvHed, CheckHed): a field the parent has is read from the parent, others from the child row.
   * Practitioners report this of BO GetRows (reference sheet, unconfirmed).
   */
  childFilterOnParent?: boolean;
  /**
   * Real row widths: every field of the live tenant's row type (CompanyRow 65 … CustomerRow 541, see
   * tenant-row-fields.ts) plus the legacy UD columns Character01–10, Number01–20, Date01–20, CheckBox01–20,
   * ShortChar01–10. Extra fields carry constants and nulls, as most of a real tenant's columns do.
   */
  wideRows?: boolean;
}

/** The realistic set; `strict-iis` takes all of it but `childFilterOnParent` (see server-profile.ts). */
export const STRICT_SCHEMA: Readonly<SchemaProfile> = {
  tablesetsMetadata: true,
  strictDateLiterals: true,
  childFilterOnParent: true,
  wideRows: true,
};
