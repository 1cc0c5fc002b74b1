import { fork } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Injectable, NotFoundException, StreamableFile } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { MergeReply, MergeRequest } from './merge-messages';
import { badRequest } from '../../common/validation';

/** Why a set of credentials cannot be merged: every offending id at once, so one fix is enough. */
export class MergeDocumentsError extends Error {
  constructor(
    readonly unknownIds: string[],
    readonly withoutDocument: Array<{ id: string; number: string; status: string }>,
  ) {
    super(
      unknownIds.length
        ? `Credentials not found: ${unknownIds.join(', ')}`
        : `Credentials without a document: ${withoutDocument.map((c) => `${c.id} (${c.number}, ${c.status})`).join(', ')}`,
    );
    this.name = 'MergeDocumentsError';
  }
}

/** PDFs are read this many at a time, so a merge of thousands (bulk print) never holds every source at once. */
const batchSize = 50;

/** A merged PDF, stored in a file of its own until it has been sent. */
export interface MergedPdf {
  file: string;
  bytes: number;
  pages: number;
  /** The process that merged it: never the API's own. */
  mergedByPid: number;
}

/** Merge processes at once; more merges wait their turn, so many requests at once cannot fork the API's host full. */
const maxMergeProcesses = 2;
let mergesRunning = 0;
const mergesWaiting: Array<() => void> = [];

async function mergeSlot(): Promise<() => void> {
  while (mergesRunning >= maxMergeProcesses) await new Promise<void>((resolve) => mergesWaiting.push(resolve));
  mergesRunning++;
  return () => {
    mergesRunning--;
    mergesWaiting.shift()?.();
  };
}

/** A forked merge process, one request and one reply at a time. */
function mergeProcess(script: string) {
  const child = fork(script, [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const early: MergeReply[] = [];
  let waiting: { resolve: (reply: MergeReply) => void; reject: (err: Error) => void } | null = null;
  let exited: Error | null = null;
  child.on('message', (reply: MergeReply) => {
    const waiter = waiting;
    waiting = null;
    if (waiter) waiter.resolve(reply);
    else early.push(reply);
  });
  child.once('exit', (code, signal) => {
    exited = new Error(`The merge process exited (${signal ?? `code ${code}`}) before the merge was written`);
    waiting?.reject(exited);
    waiting = null;
  });
  const next = async (): Promise<MergeReply> => {
    const reply =
      early.shift() ??
      (await new Promise<MergeReply>((resolve, reject) => {
        if (exited) reject(exited);
        else waiting = { resolve, reject };
      }));
    if (reply.kind === 'failed') throw new Error(`Merging failed: ${reply.message}`);
    return reply;
  };
  const ask = async (request: MergeRequest): Promise<MergeReply> => {
    await new Promise<void>((resolve, reject) => child.send(request, (err) => (err ? reject(err) : resolve())));
    return next();
  };
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  return { next, ask, stop };
}

/**
 * One PDF with the current document of every credential, pages in the order the ids are given, written to a file by a
 * merge process: the API reads the sources a batch at a time and hands them over, so neither pdf-lib's work nor the
 * merged document is ever on the API's thread or in its heap. Plain function of an EntityManager (raw SQL, nothing
 * enters the identity map). Throws MergeDocumentsError naming all unknown ids, else all ids without a document.
 * Send the file with streamMergedPdf, which removes it once sent.
 */
export async function mergeDocuments(
  em: EntityManager,
  credentialIds: readonly string[],
  script = join(__dirname, 'merge-process.js'),
): Promise<MergedPdf> {
  const ids = [...new Set(credentialIds)];
  const found = ids.length
    ? await em.execute<Array<{ id: string; number: string; status: string; document_version: number | null }>>(
        'select id, number, status, document_version from credential where id in (?)',
        [ids],
      )
    : [];
  const byId = new Map(found.map((row) => [row.id, row]));
  const unknownIds = ids.filter((id) => !byId.has(id));
  const withoutDocument = ids
    .map((id) => byId.get(id))
    .filter((row) => row && !row.document_version)
    .map((row) => ({ id: row!.id, number: row!.number, status: row!.status }));
  if (unknownIds.length || withoutDocument.length) throw new MergeDocumentsError(unknownIds, withoutDocument);

  const release = await mergeSlot();
  const dir = await mkdtemp(join(tmpdir(), 'credentials-merge-')).catch((err: unknown) => {
    release();
    throw err;
  });
  const file = join(dir, 'merged.pdf');
  let merger: ReturnType<typeof mergeProcess> | null = null;
  try {
    merger = mergeProcess(script);
    await merger.next(); // ready
    for (let start = 0; start < credentialIds.length; start += batchSize) {
      const batch = credentialIds.slice(start, start + batchSize);
      const rows = await em.execute<Array<{ credential_id: string; pdf: Buffer }>>(
        'select d.credential_id, d.pdf from document_version d join credential c on c.id = d.credential_id ' +
          'and d.version = c.document_version where c.id in (?)',
        [[...new Set(batch)]],
      );
      const pdfs = new Map(rows.map((row) => [row.credential_id, row.pdf]));
      await merger.ask({ kind: 'pdfs', pdfs: batch.map((id) => pdfs.get(id)!) });
    }
    const written = await merger.ask({ kind: 'write', outFile: file });
    if (written.kind !== 'written') throw new Error(`The merge process answered ${written.kind} to write`);
    return { file, bytes: (await stat(file)).size, pages: written.pages, mergedByPid: written.pid };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  } finally {
    merger?.stop();
    release();
  }
}

/** The merged file as a response body, streamed from disk and removed once sent (or the client went away). */
export function streamMergedPdf(merged: MergedPdf): StreamableFile {
  const stream = createReadStream(merged.file);
  stream.once('close', () => void rm(dirname(merged.file), { recursive: true, force: true }));
  return new StreamableFile(stream, { type: 'application/pdf', length: merged.bytes });
}

@Injectable()
export class MergeService {
  constructor(private readonly em: EntityManager) {}

  /** mergeDocuments with its refusals as HTTP answers: 404 for unknown ids, 400 for ids without a document. */
  async merge(credentialIds: string[]): Promise<MergedPdf> {
    try {
      return await mergeDocuments(this.em, credentialIds);
    } catch (err) {
      if (!(err instanceof MergeDocumentsError)) throw err;
      if (err.unknownIds.length) {
        throw new NotFoundException({
          message: err.message,
          details: [{ field: 'credentialIds', messages: err.unknownIds.map((id) => `credential ${id} not found`) }],
        });
      }
      throw badRequest([
        {
          field: 'credentialIds',
          messages: err.withoutDocument.map(
            (c) => `credential ${c.id} (${c.number}) has no document yet (status ${c.status})`,
          ),
        },
      ]);
    }
  }
}
