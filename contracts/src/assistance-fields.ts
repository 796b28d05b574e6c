/** The field schemas the assistance contracts share: text, record ids and dates, each naming its field. */
export { optionalText, requiredText, recordId as id, queryId, date } from './fields.ts';
