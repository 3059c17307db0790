import { and, asc, eq, gt, isNotNull, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../db";
import { HISTORY_TABLES } from "../schema/history";
import { historyShards, type MoveCursor } from "../schema/history-shards";
import { monitors } from "../schema/monitors";

/** The tables that hold an organisation's history, each with its monitor column (the storage schema's list). */
export const MOVED_HISTORY_TABLES: ReadonlyArray<{ name: string; monitorIdColumn: string }> = HISTORY_TABLES;

/** Writes planned before a move was requested may still land for this long (a consumer's wall time). */
export const MOVE_GRACE_MS = 15 * 60_000;
/** Rows read per chunk: one statement's worth of time and memory, whatever the organisation's size. */
export const MOVE_CHUNK_ROWS = 500;

export interface MoveStep {
  organisationId: string;
  phase: MoveCursor["phase"] | "done";
  rows: number;
}

type Row = Record<string, unknown>;
const id = (name: string): SQL => sql`${sql.identifier(name)}`;
const list = (items: readonly SQL[]) => sql.join([...items], sql`, `);

/** A table's primary key columns, in key order (PRAGMA table_info), cached per table. */
const keyCache = new Map<string, string[]>();
export async function keyColumnsOf(db: Db, table: string): Promise<string[]> {
  const known = keyCache.get(table);
  if (known) return known;
  const info = await db.all<{ name: string; pk: number }>(sql`SELECT name, pk FROM pragma_table_info(${table})`);
  const keys = info
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => c.name);
  const columns = keys.length > 0 ? keys : ["rowid"];
  keyCache.set(table, columns);
  return columns;
}

/** The next monitor of the organisation after `after` (id order), from the control database. */
async function nextMonitor(control: Db, organisationId: string, after: string | null): Promise<string | null> {
  const [row] = await control
    .select({ id: monitors.id })
    .from(monitors)
    .where(
      after === null
        ? eq(monitors.organisationId, organisationId)
        : and(eq(monitors.organisationId, organisationId), gt(monitors.id, after)),
    )
    .orderBy(asc(monitors.id))
    .limit(1);
  return row?.id ?? null;
}

/** Moves the cursor to the next monitor, or the next table's first monitor; null when every table is done. */
async function advance(control: Db, organisationId: string, cursor: MoveCursor): Promise<MoveCursor | null> {
  const next = await nextMonitor(control, organisationId, cursor.monitorId);
  if (next) return { ...cursor, monitorId: next, after: null };
  if (cursor.table + 1 >= MOVED_HISTORY_TABLES.length) return null;
  const first = await nextMonitor(control, organisationId, null);
  return first ? { ...cursor, table: cursor.table + 1, monitorId: first, after: null } : null;
}

/** The rows of one monitor after the cursor's key, in key order. */
async function chunkAt(source: Db, cursor: MoveCursor): Promise<{ rows: Row[]; keys: string[] }> {
  const table = MOVED_HISTORY_TABLES[cursor.table];
  if (!table) return { rows: [], keys: [] };
  const keys = await keyColumnsOf(source, table.name);
  const keyTuple = sql`(${list(keys.map(id))})`;
  const after = cursor.after ? sql`AND ${keyTuple} > (${list(cursor.after.map((v) => sql`${v}`))})` : sql``;
  const rows = await source.all<Row>(
    sql`SELECT ${keys.includes("rowid") ? sql`rowid, ` : sql``}* FROM ${id(table.name)} WHERE ${id(table.monitorIdColumn)} = ${cursor.monitorId} ${after} ORDER BY ${list(keys.map(id))} LIMIT ${MOVE_CHUNK_ROWS}`,
  );
  return { rows, keys };
}

/**
 * Copies rows into the target, keeping their keys: INSERT OR IGNORE makes a resumed copy (the
 * same chunk again) a no-op. A key taken in the target by another monitor's row would be a
 * silent loss, so the copy checks for that and stops the move with the table and key named.
 */
async function copyRows(
  target: Db,
  table: { name: string; monitorIdColumn: string },
  keys: string[],
  rows: Row[],
  monitorId: string,
) {
  const columns = Object.keys(rows[0] ?? {}).filter((c) => c !== "rowid");
  const perStatement = Math.max(1, Math.floor(100 / columns.length));
  const statements = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    const values = rows.slice(i, i + perStatement).map((r) => sql`(${list(columns.map((c) => sql`${r[c] ?? null}`))})`);
    statements.push(
      target.run(sql`INSERT OR IGNORE INTO ${id(table.name)} (${list(columns.map(id))}) VALUES ${list(values)}`),
    );
  }
  await Promise.all(statements);
  if (keys.includes(table.monitorIdColumn) || keys.includes("rowid")) return;
  const perCheck = Math.max(1, Math.floor(90 / keys.length));
  for (let i = 0; i < rows.length; i += perCheck) {
    const tuples = rows.slice(i, i + perCheck).map((r) => sql`(${list(keys.map((k) => sql`${r[k]}`))})`);
    const [clash] = await target.all<Row>(
      sql`SELECT ${list(keys.map(id))} FROM ${id(table.name)} WHERE (${list(keys.map(id))}) IN (VALUES ${list(tuples)}) AND ${id(table.monitorIdColumn)} <> ${monitorId} LIMIT 1`,
    );
    if (clash)
      throw new Error(
        `Shard move stopped: ${table.name} key ${JSON.stringify(clash)} is taken in the target by another monitor`,
      );
  }
}

async function deleteChunk(source: Db, cursor: MoveCursor): Promise<number> {
  const table = MOVED_HISTORY_TABLES[cursor.table];
  if (!table) return 0;
  const keys = await keyColumnsOf(source, table.name);
  const keyTuple = sql`(${list(keys.map(id))})`;
  const result = (await source.run(
    sql`DELETE FROM ${id(table.name)} WHERE ${keyTuple} IN (SELECT ${list(keys.map(id))} FROM ${id(table.name)} WHERE ${id(table.monitorIdColumn)} = ${cursor.monitorId} LIMIT ${MOVE_CHUNK_ROWS})`,
  )) as { meta?: { changes?: number }; changes?: number } | undefined;
  return Number(result?.meta?.changes ?? result?.changes ?? 0);
}

const saveCursor = (control: Db, organisationId: string, cursor: MoveCursor | null) =>
  control.update(historyShards).set({ moveCursor: cursor }).where(eq(historyShards.organisationId, organisationId));

/**
 * One bounded step of the move of one organisation, resumable from the cursor stored in its
 * directory row: wait out the grace period, copy chunk by chunk, flip the directory, delete the
 * source's rows chunk by chunk. `databaseOf` opens a shard by binding name.
 */
export async function advanceShardMove(
  control: Db,
  databaseOf: (shard: string) => Db,
  organisationId: string,
  now: number,
  budgetChunks = 10,
): Promise<MoveStep> {
  const [row] = await control.select().from(historyShards).where(eq(historyShards.organisationId, organisationId));
  if (!row) return { organisationId, phase: "done", rows: 0 };
  let cursor = row.moveCursor;
  let rows = 0;
  if (row.targetShard && row.targetShard === row.shard) {
    await control
      .update(historyShards)
      .set({ targetShard: null, moveCursor: null })
      .where(eq(historyShards.organisationId, organisationId));
    return { organisationId, phase: "done", rows };
  }
  if (row.targetShard && !cursor) {
    await saveCursor(control, organisationId, { phase: "wait", since: now, table: 0, monitorId: "", after: null });
    return { organisationId, phase: "wait", rows };
  }
  // A drain without a delete cursor (a cancel raced with a copy step that saved its copy cursor
  // after it): drain again from the first monitor; deleting is idempotent.
  if (row.drainShard && !row.targetShard && cursor?.phase !== "delete") cursor = DRAIN_FROM_START;
  if (!cursor) return { organisationId, phase: "done", rows };
  if (cursor.phase === "wait") {
    if (now - (cursor.since ?? now) < MOVE_GRACE_MS) return { organisationId, phase: "wait", rows };
    const first = await nextMonitor(control, organisationId, null);
    cursor = first ? { phase: "copy", table: 0, monitorId: first, after: null } : null;
    if (!cursor) return flip(control, organisationId, row.shard, row.targetShard, now, rows);
    await saveCursor(control, organisationId, cursor);
  }
  for (let i = 0; i < budgetChunks && cursor; i++) {
    if (cursor.phase === "copy" && row.targetShard) {
      const table = MOVED_HISTORY_TABLES[cursor.table];
      const { rows: chunk, keys } = await chunkAt(databaseOf(row.shard), cursor);
      if (table && chunk.length > 0) await copyRows(databaseOf(row.targetShard), table, keys, chunk, cursor.monitorId);
      rows += chunk.length;
      const last = chunk.at(-1);
      const nextCursor: MoveCursor | null =
        chunk.length === MOVE_CHUNK_ROWS && last
          ? { ...cursor, after: keys.map((k) => last[k] as string | number) }
          : await advance(control, organisationId, cursor);
      if (!nextCursor) return flip(control, organisationId, row.shard, row.targetShard, now, rows);
      cursor = nextCursor;
    } else if (cursor.phase === "delete" && row.drainShard) {
      const deleted = await deleteChunk(databaseOf(row.drainShard), cursor);
      rows += deleted;
      const nextCursor: MoveCursor | null =
        deleted === MOVE_CHUNK_ROWS ? cursor : await advance(control, organisationId, cursor);
      if (!nextCursor) {
        await control
          .update(historyShards)
          .set({ moveCursor: null, drainShard: null })
          .where(eq(historyShards.organisationId, organisationId));
        return { organisationId, phase: "done", rows };
      }
      cursor = nextCursor;
    } else {
      await saveCursor(control, organisationId, null);
      return { organisationId, phase: "done", rows };
    }
    await saveCursor(control, organisationId, cursor);
  }
  return { organisationId, phase: cursor?.phase ?? "done", rows };
}

/** Every row is in the target: reads and writes go there from now on, then the source is emptied. */
async function flip(
  control: Db,
  organisationId: string,
  from: string,
  to: string | null,
  now: number,
  rows: number,
): Promise<MoveStep> {
  if (!to) return { organisationId, phase: "done", rows };
  const first = await nextMonitor(control, organisationId, null);
  await control
    .update(historyShards)
    .set({
      shard: to,
      targetShard: null,
      drainShard: first ? from : null,
      movedAt: now,
      moveCursor: first ? { phase: "delete", table: 0, monitorId: first, after: null } : null,
    })
    .where(eq(historyShards.organisationId, organisationId));
  return { organisationId, phase: first ? "delete" : "done", rows };
}

/** A delete cursor before the organisation's first monitor (advance() moves it to that one). */
const DRAIN_FROM_START: MoveCursor = { phase: "delete", table: 0, monitorId: "", after: null };

export type CancelOutcome = "cancelled" | "cancelled, target draining" | "no move" | "flipped already";

/**
 * Cancels an organisation's move before the flip. Its writes resume on the source at once (the
 * source was never written to by the move, so it is complete). Rows already copied to the
 * target are not left there: stale copies would be kept by a later move's INSERT OR IGNORE
 * over the newer source rows (a state row, an open span, a daily rollup), so the target becomes
 * the row's drain shard and the maintenance deletes the organisation's rows there in chunks, as
 * after a flip. After the flip there is nothing to cancel: move the organisation back instead.
 */
export async function cancelShardMove(control: Db, organisationId: string): Promise<CancelOutcome> {
  const [row] = await control.select().from(historyShards).where(eq(historyShards.organisationId, organisationId));
  if (!row?.targetShard) return row?.drainShard ? "flipped already" : "no move";
  const copying = row.moveCursor?.phase === "copy";
  // A "delete" cursor is an earlier move's drain still running: it keeps going.
  const cursor: MoveCursor | null = copying
    ? DRAIN_FROM_START
    : row.moveCursor?.phase === "delete"
      ? row.moveCursor
      : null;
  await control
    .update(historyShards)
    .set({ targetShard: null, moveCursor: cursor, ...(copying ? { drainShard: row.targetShard } : {}) })
    .where(and(eq(historyShards.organisationId, organisationId), eq(historyShards.targetShard, row.targetShard)));
  return copying ? "cancelled, target draining" : "cancelled";
}

/** Organisations with a move under way (a target set, or a source still draining). */
export async function movingOrganisations(control: Db, limit = 10): Promise<string[]> {
  const rows = await control
    .select({ id: historyShards.organisationId })
    .from(historyShards)
    .where(or(isNotNull(historyShards.targetShard), isNotNull(historyShards.drainShard)))
    .limit(limit);
  return rows.map((r) => r.id);
}
