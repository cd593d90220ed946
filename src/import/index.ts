export { importCsv, importFile, type ImportOptions } from './importCsv';
export { ImportFileError, readCsv, type CsvFormat } from './readCsv';
export { formatReport, type ImportProgress, type ImportReport, type RejectedRow } from './report';
export { toCountryCode } from './countries';
export { normaliseWebsite } from './websites';
