// File storage behind a small interface: files are named by the SHA-256 of their bytes, so the
// same file is stored once and a stored file is never overwritten with other content. Local disk
// by default; an S3-compatible store can implement the same interface.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface Storage {
  // Stores the bytes and returns their key (hex SHA-256).
  put(bytes: Uint8Array): Promise<string>;
  get(key: string): Promise<Uint8Array | null>;
  has(key: string): Promise<boolean>;
}

export const contentKey = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const KEY = /^[0-9a-f]{64}$/;

export function localStorage(root: string): Storage {
  // Two levels of folders keep any one folder small: ab/cd/abcd….
  const pathOf = (key: string) => join(root, key.slice(0, 2), key.slice(2, 4), key);
  return {
    async put(bytes) {
      const key = contentKey(bytes);
      const path = pathOf(key);
      if (await exists(path)) return key;
      await mkdir(join(root, key.slice(0, 2), key.slice(2, 4)), { recursive: true });
      // Written beside its place and renamed, so a reader never sees half a file.
      const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(temp, bytes, { mode: 0o600 });
      await rename(temp, path);
      return key;
    },
    async get(key) {
      if (!KEY.test(key)) return null;
      try {
        return new Uint8Array(await readFile(pathOf(key)));
      } catch {
        return null;
      }
    },
    async has(key) {
      return KEY.test(key) && exists(pathOf(key));
    },
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
