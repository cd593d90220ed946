import type { Document } from 'bson';
import { CommandError } from '../errors';
import { bsonTypeName, NUMERIC_TYPES } from './bson-types';
import { getPath, isPlainObject } from './paths';

function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

/** MongoDB refuses one update touching a path twice, e.g. `$set: {a: 1}, $inc: {'a.b': 1}` (error 40). */
export function rejectConflictingPaths(modifier: Document): void {
  const paths: string[] = [];
  for (const [operator, fields] of Object.entries(modifier)) {
    if (!isPlainObject(fields)) continue;
    for (const [path, target] of Object.entries(fields)) {
      const touched = operator === '$rename' && typeof target === 'string' ? [path, target] : [path];
      for (const candidate of touched) {
        const clash = paths.find((seen) => overlaps(seen, candidate));
        if (clash !== undefined) {
          throw new CommandError(
            'ConflictingUpdateOperators',
            `Updating the path '${candidate}' would create a conflict at '${clash}'`,
          );
        }
        paths.push(candidate);
      }
    }
  }
}

function plainPaths(fields: unknown): string[] {
  return isPlainObject(fields) ? Object.keys(fields).filter((path) => !path.includes('$')) : [];
}

/** Type errors mingo would otherwise ignore or coerce: arithmetic on non-numbers, $push to non-arrays. */
export function rejectTypeMismatches(before: Document, modifier: Document): void {
  for (const operator of ['$inc', '$mul']) {
    const fields = modifier[operator];
    if (!isPlainObject(fields)) continue;
    for (const [path, amount] of Object.entries(fields)) {
      if (!NUMERIC_TYPES.has(bsonTypeName(amount))) {
        throw new CommandError(
          'TypeMismatch',
          `Cannot ${operator === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${path}: ${String(amount)}}`,
        );
      }
    }
    for (const path of plainPaths(fields)) {
      const current = getPath(before, path);
      if (current !== undefined && current !== null && !NUMERIC_TYPES.has(bsonTypeName(current))) {
        throw new CommandError(
          'TypeMismatch',
          `Cannot apply ${operator} to a value of non-numeric type. The field '${path}' is of type ${bsonTypeName(current)}`,
        );
      }
    }
  }
  for (const operator of ['$push', '$addToSet', '$pull', '$pullAll', '$pop']) {
    for (const path of plainPaths(modifier[operator])) {
      const current = getPath(before, path);
      if (current !== undefined && !Array.isArray(current)) {
        throw new CommandError(
          'BadValue',
          `The field '${path}' must be an array but is of type ${bsonTypeName(current)} in document {_id: ${String(before._id)}}`,
        );
      }
    }
  }
}
