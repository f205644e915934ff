import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline as connect, Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Content-addressed storage of files (eDocument PDFs): a blob is named by the SHA-256 of its bytes,
 * so the same file uploaded twice is stored once and a name can never point at other content.
 *
 * Blobs are written before the database row that refers to them commits, never after: a crash can
 * leave a blob nobody refers to (removed later by the cleanup, see edocument-cleanup.ts) but never
 * a row without its blob. Several window processes share one store (the same data dir on a shared
 * filesystem, or one object store bucket), as they share PostgreSQL: nothing about a blob is kept
 * in one process's memory, and deciding that a blob is unused is serialised in the database
 * (lockBlob in edocument-cleanup.ts), not here.
 *
 * The filesystem store is the one implemented; an S3-compatible store fits the same interface
 * (stage: upload to a temporary key while hashing; commit: copy to `sha256/<hash>` and delete the
 * temporary key; list: ListObjectsV2 with LastModified as modifiedAt).
 */
export interface BlobStore {
  /** Stores a stream: stage + commit. */
  put(source: Readable, opts?: StageOptions): Promise<BlobInfo>;
  /**
   * Streams into a temporary place while hashing and counting; nothing is visible under the blob's
   * name until commit, and discard leaves nothing behind. Lets the caller check the content first.
   */
  stage(source: Readable, opts?: StageOptions): Promise<StagedBlob>;
  /**
   * The blob's bytes, checked against its name as they are read; null if absent. The last chunk is held
   * back until the whole blob hashes to its name: damaged bytes (even the same length) make the stream
   * error (BlobDamagedError) before its end, so a reader never receives the complete, wrong content.
   */
  get(sha256: string): Promise<Readable | null>;
  has(sha256: string): Promise<boolean>;
  /** Removes a blob; false if it was not there. */
  delete(sha256: string): Promise<boolean>;
  /** Every stored blob, in no particular order. */
  list(): AsyncIterable<StoredBlob>;
  /** Removes staged files abandoned before this time (a process that died mid-upload); returns how many. */
  sweepStaging(olderThan: Date): Promise<number>;
}

export interface BlobInfo {
  sha256: string;
  size: number;
}
export interface StoredBlob extends BlobInfo {
  modifiedAt: Date;
}
export interface StageOptions {
  /** The stream is cut off (and the staged bytes removed) as soon as it passes this many bytes. */
  maxBytes?: number;
}
export interface StagedBlob extends BlobInfo {
  /** The staged bytes, read back whole (callers check small files, e.g. parse a PDF). */
  bytes(): Promise<Buffer>;
  /** Makes the blob visible under its hash (atomically: all of it or nothing). */
  commit(): Promise<void>;
  /** Removes the staged bytes; harmless after commit. */
  discard(): Promise<void>;
}

/** Thrown by stage/put when the stream passes maxBytes; the staged bytes are already removed. */
export class BlobTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the stream is larger than ${maxBytes} bytes`);
    this.name = 'BlobTooLargeError';
  }
}

/** The stored bytes no longer hash to the blob's name (disk damage, or tampering with the store). */
export class BlobDamagedError extends Error {
  constructor(
    readonly sha256: string,
    readonly actual: string,
  ) {
    super(`blob ${sha256} is damaged: its bytes hash to ${actual}`);
    this.name = 'BlobDamagedError';
  }
}

const SHA256 = /^[0-9a-f]{64}$/;

export function isSha256(value: string): boolean {
  return SHA256.test(value);
}

/** fsync on a folder makes a rename in it durable (Linux); other platforms may refuse, which is harmless. */
async function syncFolder(folder: string) {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(folder, 'r');
    await handle.sync();
  } catch (err) {
    if (!['EISDIR', 'EINVAL', 'EPERM', 'EACCES'].includes((err as NodeJS.ErrnoException).code ?? '')) throw err;
  } finally {
    await handle?.close();
  }
}

/**
 * Blobs in a folder: `<root>/sha256/ab/cdef…` (the first two hex digits as a subfolder keeps folders
 * small); staged files in `<root>/tmp`, on the same filesystem so that commit is a rename.
 */
export class FsBlobStore implements BlobStore {
  private readonly staging: string;

  constructor(readonly root: string) {
    this.staging = path.join(root, 'tmp');
  }

  pathOf(sha256: string): string {
    if (!isSha256(sha256)) throw new Error(`not a SHA-256 in lowercase hex: ${sha256.slice(0, 80)}`);
    return path.join(this.root, 'sha256', sha256.slice(0, 2), sha256.slice(2));
  }

  async put(source: Readable, opts: StageOptions = {}): Promise<BlobInfo> {
    const staged = await this.stage(source, opts);
    try {
      await staged.commit();
    } finally {
      await staged.discard();
    }
    return { sha256: staged.sha256, size: staged.size };
  }

  async stage(source: Readable, opts: StageOptions = {}): Promise<StagedBlob> {
    await fsp.mkdir(this.staging, { recursive: true, mode: 0o700 });
    const temp = path.join(this.staging, `${crypto.randomUUID()}.part`);
    const hash = crypto.createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (opts.maxBytes !== undefined && size > opts.maxBytes) return done(new BlobTooLargeError(opts.maxBytes));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    const sink = fs.createWriteStream(temp, { flags: 'wx', mode: 0o600 });
    try {
      await pipeline(source, meter, sink);
      // The bytes must be on disk before the rename can make them the blob.
      const handle = await fsp.open(temp, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (err) {
      // A stream refused early may still be opening its file: remove the file only once the stream is closed.
      if (!sink.closed) await new Promise<void>((resolve) => sink.once('close', () => resolve()));
      await fsp.rm(temp, { force: true });
      throw err;
    }
    const sha256 = hash.digest('hex');
    const final = this.pathOf(sha256);
    let settled = false;
    return {
      sha256,
      size,
      bytes: () => fsp.readFile(temp),
      commit: async () => {
        if (settled) throw new Error('this staged blob was already committed or discarded');
        await fsp.mkdir(path.dirname(final), { recursive: true, mode: 0o700 });
        // Over an existing blob this replaces identical bytes (and heals a damaged copy), atomically.
        await fsp.rename(temp, final);
        settled = true;
        await syncFolder(path.dirname(final));
      },
      discard: async () => {
        if (settled) return;
        settled = true;
        await fsp.rm(temp, { force: true });
      },
    };
  }

  async get(sha256: string): Promise<Readable | null> {
    let handle: fsp.FileHandle;
    try {
      handle = await fsp.open(this.pathOf(sha256), 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    const hash = crypto.createHash('sha256');
    let held: Buffer | undefined;
    const check = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        // Each chunk goes out when the next one arrives: the last one only once the whole blob is verified.
        if (held) this.push(held);
        held = chunk;
        done();
      },
      flush(done) {
        const actual = hash.digest('hex');
        if (actual !== sha256) return done(new BlobDamagedError(sha256, actual));
        if (held) this.push(held);
        done();
      },
    });
    // connect: an error or an early close on either side closes both (and the file).
    return connect(handle.createReadStream(), check, () => {});
  }

  async has(sha256: string): Promise<boolean> {
    try {
      return (await fsp.stat(this.pathOf(sha256))).isFile();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
  }

  async delete(sha256: string): Promise<boolean> {
    try {
      await fsp.unlink(this.pathOf(sha256));
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
  }

  async *list(): AsyncIterable<StoredBlob> {
    const base = path.join(this.root, 'sha256');
    const prefixes = await readdirOrEmpty(base);
    for (const prefix of prefixes.sort()) {
      if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
      for (const rest of await readdirOrEmpty(path.join(base, prefix))) {
        const sha256 = prefix + rest;
        if (!isSha256(sha256)) continue;
        try {
          const stat = await fsp.stat(path.join(base, prefix, rest));
          if (stat.isFile()) yield { sha256, size: stat.size, modifiedAt: stat.mtime };
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err; // removed meanwhile
        }
      }
    }
  }

  async sweepStaging(olderThan: Date): Promise<number> {
    let removed = 0;
    for (const name of await readdirOrEmpty(this.staging)) {
      const file = path.join(this.staging, name);
      try {
        if ((await fsp.stat(file)).mtime <= olderThan) {
          await fsp.rm(file, { force: true });
          removed++;
        }
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
    return removed;
  }
}

/**
 * Waits for a stream's first bytes (or its end) and returns a stream of the same bytes. An error that comes
 * before any byte (a damaged blob that fits in one chunk is verified whole before its only chunk goes out)
 * is thrown here, while a response can still say so; a later one errors the returned stream.
 */
export async function afterFirstChunk(stream: Readable): Promise<Readable> {
  const chunks = stream[Symbol.asyncIterator]();
  const first = await chunks.next();
  async function* all() {
    if (first.done) return;
    yield first.value as Buffer;
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value as Buffer;
  }
  const out = Readable.from(all(), { objectMode: false });
  // A reader that stops early (a client gone) closes the source, and its file, even before the second chunk.
  out.once('close', () => stream.destroy());
  return out;
}

async function readdirOrEmpty(folder: string): Promise<string[]> {
  try {
    return await fsp.readdir(folder);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/** The window's eDocument store: `${dataDir}/blobs` (shared by every process that shares the data dir). */
export function edocumentBlobStore(config: { dataDir: string }): BlobStore {
  return new FsBlobStore(path.join(config.dataDir, 'blobs'));
}
