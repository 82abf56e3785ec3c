/**
 * Server answers that mean "a setting is wrong", with the setting to fix. The servers' own words stay in front; the
 * hint says where to look (issue 16 item 9).
 */
const HINTS: readonly [RegExp, string][] = [
  [
    /SQL warehouse \S+ does not exist|RESOURCE_DOES_NOT_EXIST.*warehouse/i,
    "check databricks.warehouseId (the id shown in the SQL warehouse's Connection details)",
  ],
  [/CATALOG_NOT_FOUND|NO_SUCH_CATALOG/i, 'check databricks.catalog (or create the catalog, or get USE CATALOG on it)'],
];

/** `message` with a pointer to the setting to fix, when it is one of the known cases. */
export function withConfigHint(message: string): string {
  for (const [pattern, hint] of HINTS) {
    if (pattern.test(message) && !message.includes(hint)) return `${message.replace(/\.+$/, '')}: ${hint}`;
  }
  return message;
}
