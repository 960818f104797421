/**
 * Files soquy writes for people (backups, manifests, audit packs, exports): written under a
 * temporary name, fsynced, then renamed, and the folder fsynced, so a crash or a power cut leaves
 * either the old state or the whole new file under its name, never a truncated one.
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { asStorageRefusal } from '../../store/storage-errors.ts';

/** Flushes a file's content to the disk. */
export function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a folder's entries (a rename, a new file) to the disk. */
export function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } catch (e) {
    // Some file systems (and Windows) cannot fsync a directory; the rename is still atomic there.
    if ((e as { code?: string }).code !== 'EINVAL' && (e as { code?: string }).code !== 'EISDIR') throw e;
  } finally {
    closeSync(fd);
  }
}

/** Writes `data` to `path` atomically and durably (see the module comment). */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, data);
    fsyncFile(tmp);
    renameSync(tmp, path);
    fsyncDir(dirname(path));
  } catch (e) {
    rmSync(tmp, { force: true });
    throw asStorageRefusal(e, path);
  }
}

/** SHA-256 (hex) and size of a file, read in a stream. */
export async function sha256OfFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Removes a SQLite file and the WAL and shared-memory files that may sit beside it. */
export function removeSqliteFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}
