import { CommandError } from '../errors';

export interface Namespace {
  db: string;
  coll: string;
}

const BAD_DB_CHARS = /[/\\. "$\0]/;

export function splitNamespace(ns: string): Namespace {
  const dot = ns.indexOf('.');
  const db = dot < 0 ? ns : ns.slice(0, dot);
  const coll = dot < 0 ? '' : ns.slice(dot + 1);
  if (db.length === 0 || BAD_DB_CHARS.test(db) || db.length > 63) {
    throw new CommandError('InvalidNamespace', `Invalid database name: '${db}'`);
  }
  if (coll.length === 0 || coll.includes('$') || coll.includes('\0') || coll.startsWith('.')) {
    throw new CommandError('InvalidNamespace', `Invalid collection name: '${coll}'`);
  }
  return { db, coll };
}

export function databaseOf(ns: string): string {
  const dot = ns.indexOf('.');
  return dot < 0 ? ns : ns.slice(0, dot);
}
