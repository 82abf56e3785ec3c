/** One property of an Epicor entity type, as declared in the service's `$metadata` (OData v4 CSDL). */
export interface SourceField {
  name: string;
  /** Edm type, e.g. `Edm.String`, `Edm.Int32`, `Edm.Int64`, `Edm.Decimal`, `Edm.DateTimeOffset`, `Edm.Boolean`. */
  edmType: string;
  precision?: number;
  scale?: number;
  nullable: boolean;
}
