/** Date-time text for TIMESTAMP and DATE columns: the shared ISO 8601 reader (see ../date-time.ts). */
export { epochDay, isCalendarDate, parseIsoMillis, utcDateText } from '../date-time.ts';
