import type { Request, Response } from 'express';
import type { MulterError } from 'multer';

export type UploadProblem = 'missing' | 'too-large' | 'not-csv' | 'unreadable';

/** Types browsers give a .csv file (Excel on Windows says vnd.ms-excel; some say nothing useful). */
const CSV_TYPES = new Set(['text/csv', 'application/csv', 'text/plain', 'application/vnd.ms-excel', 'application/octet-stream']);

export interface CsvUpload {
  file: Express.Multer.File | null;
  problem: UploadProblem | null;
  /** The form's other fields (multer reads them into `req.body`). */
  fields: Record<string, unknown>;
}

function problemOf(
  error: unknown,
  file: Express.Multer.File | null,
  Problem: typeof MulterError,
): UploadProblem | null {
  if (error instanceof Problem) return error.code === 'LIMIT_FILE_SIZE' ? 'too-large' : 'unreadable';
  if (error) return 'unreadable';
  if (!file || (file.size === 0 && file.originalname === '')) return 'missing';
  if (!/\.csv$/i.test(file.originalname) || !CSV_TYPES.has(file.mimetype.toLowerCase())) return 'not-csv';
  return null;
}

/**
 * Reads a multipart form with one file field, `file`, into memory (at most `maxBytes`; the file is then
 * kept in the database, never on disk). What is wrong with the upload is returned, not thrown, so the
 * route can answer next to the field.
 */
export function createCsvUploadReader(maxBytes: number): (req: Request, res: Response) => Promise<CsvUpload> {
  // multer is loaded with the first upload, not when the server starts.
  const load = async () => {
    const { default: multer } = await import('multer');
    const parse = multer({
      storage: multer.memoryStorage(),
      limits: { fileSize: maxBytes, files: 1, fields: 5, fieldSize: 1024, parts: 6, headerPairs: 50 },
    }).single('file');
    return { parse, Problem: multer.MulterError };
  };
  let parser: ReturnType<typeof load> | null = null;
  return async (req, res) => {
    const { parse, Problem } = await (parser ??= load());
    return new Promise((resolve) => {
      parse(req, res, (error?: unknown) => {
        const file = req.file ?? null;
        const fields = (req.body ?? {}) as Record<string, unknown>;
        resolve({ file, problem: problemOf(error, file, Problem), fields });
      });
    });
  };
}
