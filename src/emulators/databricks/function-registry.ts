/**
 * Every function name the emulator resolves, as Databricks SQL does: emulated ones translate to DuckDB; other
 * Databricks builtins fail as not emulated (rather than with a DuckDB answer that may differ); anything else is
 * `[UNRESOLVED_ROUTINE]` — a DuckDB-only function such as `strftime` or `list_value` must not work here either.
 */
import { COMMON_FUNCTIONS } from './common-functions.ts';
import { DATETIME_FUNCTIONS } from './datetime-functions.ts';
import { type FunctionSpec, notEmulated, unresolvedRoutine } from './sql-function.ts';

const FUNCTIONS: Record<string, FunctionSpec> = { ...COMMON_FUNCTIONS, ...DATETIME_FUNCTIONS };

/** Databricks builtins (functions reference, A–Z) the emulator does not answer. */
const OTHER_BUILTINS = new Set(
  `acos acosh aes_decrypt aes_encrypt aggregate ai_query approx_top_k array_append array_compact array_except
  array_insert array_intersect array_max array_min array_position array_prepend array_remove array_repeat
  array_size array_sort array_union arrays_overlap arrays_zip asin asinh atan atan2 atanh base64 bin bit_and
  bit_count bit_get bit_length bit_or bit_xor bitmap_count bround cardinality cbrt char chr coalesce conv
  convert_timezone cos cosh cot crc32 csc cube current_catalog current_database current_schema current_user
  current_version date_from_unix_date decode degrees element_at elt encode exists explode explode_outer expm1
  factorial filter find_in_set flatten forall format_string from_csv from_json from_utc_timestamp get
  get_json_object getbit greatest grouping grouping_id hash hex histogram_numeric hll_sketch_agg hypot ilike
  inline input_file_name is_account_group_member is_member isnan java_method json_array_length json_object_keys
  json_tuple kurtosis lower luhn_check make_dt_interval make_interval make_ym_interval map map_concat
  map_contains_key map_entries map_filter map_from_arrays map_from_entries map_keys map_values map_zip_with mask
  max_by monotonically_increasing_id named_struct nanvl negative octet_length overlay parse_url posexplode
  positive printf quote radians raise_error range reduce reflect regexp regexp_count regexp_extract_all
  regexp_instr regexp_substr rint schema_of_json sec sentences sequence session_user shuffle shiftleft
  shiftright sinh skewness slice soundex space spark_partition_id split_part stack struct substring_index tan
  tanh timestamp_micros timestamp_millis to_binary to_char to_csv to_json to_number to_utc_timestamp
  to_varchar transform transform_keys transform_values translate try_add try_aes_decrypt try_avg try_element_at
  try_multiply try_subtract try_sum try_to_binary try_to_number try_to_timestamp typeof unbase64 unhex
  unix_micros unix_millis unix_seconds url_decode url_encode user version width_bucket window xpath xxhash64
  zip_with`.split(/\s+/),
);

/** The spec for a function call; throws Databricks' error for names it does not answer. */
export function functionSpec(name: string, currentSchema?: string): FunctionSpec {
  if (Object.hasOwn(FUNCTIONS, name)) return FUNCTIONS[name];
  if (OTHER_BUILTINS.has(name)) throw notEmulated(`the function \`${name}\``);
  throw unresolvedRoutine(name, currentSchema);
}
