/** Word pools and code tables the generator draws from (made-up but plausible values). */

export interface CompanyProfile {
  code: string;
  name: string;
  legalName: string;
  address1: string;
  city: string;
  state: string;
  zip: string;
  country: string;
}

export const COMPANY_PROFILES: Record<string, CompanyProfile> = {
  EPIC06: {
    code: 'EPIC06',
    name: 'Northwind Fabrication',
    legalName: 'Northwind Fabrication, Inc.',
    address1: '1200 Harbor Way',
    city: 'Minneapolis',
    state: 'MN',
    zip: '55401',
    country: 'USA',
  },
  EPIC07: {
    code: 'EPIC07',
    name: 'Northwind Fabrication Canada',
    legalName: 'Northwind Fabrication Canada Ltd.',
    address1: '88 Queen Street West',
    city: 'Toronto',
    state: 'ON',
    zip: 'M5H 2N2',
    country: 'Canada',
  },
};

/** Currencies with their rate to the base currency (USD), in ten-thousandths. */
export const CURRENCIES = ['USD', 'EUR', 'CAD', 'MXN'] as const;
export const CURRENCY_WEIGHTS = [70, 10, 12, 8];
export const RATE_TICKS: Record<string, number> = { USD: 10_000, EUR: 10_850, CAD: 7_350, MXN: 585 };

export const VENDOR_FIRST = [
  'Acme',
  'Allied',
  "O'Brien",
  'Summit',
  'Precision',
  'Great Lakes',
  'Keystone',
  'Pioneer',
  'Atlas',
  'Cascade',
  'Midwest',
  'Delta',
  'Frontier',
  'Harbor',
  'Ironwood',
  'Liberty',
  'Meridian',
  'Northstar',
  "D'Angelo",
  'Redline',
  'Sterling',
  'Titan',
  'Vantage',
  'Zenith',
  'Müller',
  'Québec',
];
export const VENDOR_SECOND = [
  'Steel',
  'Fasteners',
  'Plastics',
  'Electronics',
  'Supply',
  'Machining',
  'Castings',
  'Coatings',
  'Logistics',
  'Components',
  'Hydraulics',
  'Tooling',
  'Packaging',
  'Metals',
  'Bearings',
];
export const COMPANY_SUFFIX = ['Inc.', 'LLC', 'Co.', 'Corp.', 'Ltd.', 'GmbH', 'S.A. de C.V.', '& Sons'];

export const CITIES: readonly [string, string, string, string][] = [
  ['Chicago', 'IL', '60601', 'USA'],
  ['Detroit', 'MI', '48201', 'USA'],
  ['Houston', 'TX', '77002', 'USA'],
  ['Cleveland', 'OH', '44113', 'USA'],
  ['Milwaukee', 'WI', '53202', 'USA'],
  ['St. Paul', 'MN', '55102', 'USA'],
  ['Charlotte', 'NC', '28202', 'USA'],
  ['Portland', 'OR', '97204', 'USA'],
  ['Toronto', 'ON', 'M5V 2T6', 'Canada'],
  ['Montréal', 'QC', 'H2Y 1C6', 'Canada'],
  ['Monterrey', 'NL', '64000', 'Mexico'],
  ['Stuttgart', 'BW', '70173', 'Germany'],
];
export const STREETS = ['Main St', 'Industrial Pkwy', 'Commerce Dr', 'Lake Ave', 'Mill Rd', 'Route 9', 'Oak Blvd'];

export const TERMS = ['N30', 'N45', 'N60', '2/10N30', 'COD'];
export const VENDOR_GROUPS = ['RAW', 'SVC', 'MRO', 'PKG', 'ELEC'];
export const CUSTOMER_GROUPS = ['OEM', 'DIST', 'RETL', 'GOVT'];
export const CUSTOMER_TYPES = ['CUS', 'CUS', 'CUS', 'PRO', 'SUS'];
export const TERRITORIES = ['NORTH', 'SOUTH', 'EAST', 'WEST', 'INTL'];
export const SALES_REPS = ['JSMITH', 'MGARCIA', 'LCHEN', 'AKOWALSKI', 'RPATEL'];
export const USERS = ['manager', 'jsmith', 'mgarcia', 'lchen', 'apclerk', 'buyer01', 'buyer02'];
export const BUYERS = ['BUYER01', 'BUYER02', 'BUYER03', 'PURCH'];
export const SHIP_VIA = ['UPSG', 'FDXE', 'LTL', 'BEST', 'PICKUP'];
export const FOB = ['Origin', 'Destination', 'Dock'];
export const WAREHOUSES = ['MAIN', 'RAW', 'FG', 'WIP'];
export const PLANTS = ['MfgSys', 'MfgSys', 'MfgSys', 'Plant2'];
export const BANKS = ['CHASE-OP', 'WELLS-AP', 'BMO-CAD'];

export const PART_CLASSES = [
  ['BRK', 'Bracket', 'RAW'],
  ['FST', 'Fastener', 'MRO'],
  ['MTR', 'Motor', 'ELEC'],
  ['PCB', 'Circuit Board', 'ELEC'],
  ['STL', 'Steel Plate', 'RAW'],
  ['HYD', 'Hydraulic Fitting', 'MRO'],
  ['PKG', 'Carton', 'PKG'],
  ['ASM', 'Assembly', 'FG'],
] as const;
export const PART_ADJECTIVES = [
  'Heavy-Duty',
  'Compact',
  'Stainless',
  '1/4"',
  'Galvanized',
  'Precision',
  'Coated',
  'M8',
];
export const UOMS = ['EA', 'EA', 'EA', 'LB', 'FT', 'BX'];
export const COST_METHODS = ['A', 'S', 'L', 'F'];

/** Natural GL accounts (segment 1) with descriptions; segment 2 is a department. */
export const NATURAL_ACCOUNTS: readonly [string, string][] = [
  ['1000', 'Cash - Operating'],
  ['1010', 'Cash - Payroll'],
  ['1200', 'Accounts Receivable'],
  ['1300', 'Inventory - Raw Material'],
  ['1310', 'Inventory - WIP'],
  ['1320', 'Inventory - Finished Goods'],
  ['1500', 'Fixed Assets'],
  ['1510', 'Accumulated Depreciation'],
  ['2000', 'Accounts Payable'],
  ['2010', 'AP Accrual - Received Not Invoiced'],
  ['2100', 'Sales Tax Payable'],
  ['2200', 'Accrued Payroll'],
  ['3000', 'Retained Earnings'],
  ['4000', 'Sales - Product'],
  ['4100', 'Sales - Service'],
  ['5000', 'Cost of Goods Sold'],
  ['5100', 'Purchase Price Variance'],
  ['5200', 'Freight In'],
  ['6000', 'Salaries & Wages'],
  ['6100', 'Rent'],
  ['6200', 'Utilities'],
  ['6300', 'Repairs & Maintenance'],
  ['6400', 'Office Supplies'],
  ['6500', 'Travel'],
  ['6600', 'Insurance'],
  ['6700', 'Depreciation Expense'],
  ['7000', 'Interest Expense'],
  ['7100', 'Bank Fees'],
  ['7200', 'FX Gain/Loss'],
  ['8000', 'Income Tax Expense'],
];
export const DEPARTMENTS: readonly [string, string][] = [
  ['00', 'Corporate'],
  ['10', 'Production'],
  ['20', 'Purchasing'],
  ['30', 'Sales'],
  ['40', 'Engineering'],
  ['50', 'Finance'],
  ['60', 'Quality'],
  ['70', 'Maintenance'],
  ['80', 'Logistics'],
  ['90', 'IT'],
];

export const JOURNAL_CODES = ['GJ', 'AP', 'PJ', 'CD', 'RJ'];
export const SOURCE_MODULE: Record<string, string> = { GJ: 'GL', AP: 'AP', PJ: 'AP', CD: 'AP', RJ: 'GL' };
export const JOURNAL_TEXT = [
  'Monthly accrual',
  'AP invoice posting',
  'Payment run',
  'Depreciation',
  'Reclass',
  'Freight allocation',
  'Payroll',
];

export const UD_STRINGS = ['Preferred', 'On watch', 'Approved by CFO', 'Legacy import', 'Q3 review', ''];
