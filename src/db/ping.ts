import mongoose from 'mongoose';

/** Resolves when the database answers a ping within the timeout; rejects otherwise. */
export async function pingDatabase(timeoutMs = 2_000): Promise<void> {
  const db = mongoose.connection.db;
  if (!db || mongoose.connection.readyState !== mongoose.ConnectionStates.connected) {
    throw new Error('Database not connected');
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('Database ping timed out')), timeoutMs);
  });
  try {
    await Promise.race([db.admin().ping(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
