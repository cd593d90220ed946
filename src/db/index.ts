export { connectDatabase, connectionOptions, type DatabaseHandle } from './connection';
export { pingDatabase } from './ping';
export { isDatabaseUnavailable } from './availability';
