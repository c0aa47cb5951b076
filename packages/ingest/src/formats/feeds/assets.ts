/**
 * Asset inventory CSV: one row per device, header required, header names case-insensitive.
 *
 * | column                               | device field                                   |
 * | ------------------------------------ | ---------------------------------------------- |
 * | device (or id, hostname, name)       | matched by id, else exact name, else name in any case |
 * | group                                | group                                          |
 * | value                                | value: low, normal or high (any case)          |
 * | owner                                | owner                                          |
 * | tags                                 | tags, separated by `;` or `|`                  |
 *
 * The inventory is authoritative: a non-empty cell overrides what the scanners said; an empty
 * cell leaves the field as it was. Rows that match no device are counted, not created.
 */
import type { DeviceInput, DeviceValue, SnapshotBuilder } from '@exposure/score';
import { createContext, openSource } from '../../context.js';
import { messages } from '../../messages.js';
import type { SourceFile } from '../../importer.js';
import { fromCsvError } from '../shared/csv-error.js';
import { csvRecords } from '../shared/csv.js';

export interface AssetRow {
  /** Line of the row in the file, for messages. */
  line: number;
  /** Device id or name. */
  device: string;
  group?: string;
  value?: DeviceValue;
  owner?: string;
  tags?: string[];
}

const DEVICE_COLUMNS = ['device', 'id', 'hostname', 'name'];
const VALUES: readonly string[] = ['low', 'normal', 'high'];

function headerCells(head: string): string[] {
  const first = head.split(/\r?\n/, 1)[0] ?? '';
  return first.split(',').map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
}

/** True when the first line is a CSV header with a device column and a group or value column. */
export function detectAssets(head: string): boolean {
  const cells = headerCells(head);
  return (
    cells.some((c) => DEVICE_COLUMNS.includes(c)) &&
    (cells.includes('group') || cells.includes('value'))
  );
}

export async function readAssetsSource(file: SourceFile): Promise<AssetRow[]> {
  const at = file.displayPath;
  const ctx = await createContext(file);
  const parser = await csvRecords(ctx, { bom: true, trim: true, skip_empty_lines: true });
  const rows: AssetRow[] = [];
  let columns: Record<'device' | 'group' | 'value' | 'owner' | 'tags', number> | undefined;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (!columns) {
        const names = record.map((c) => c.toLowerCase());
        const device = DEVICE_COLUMNS.map((c) => names.indexOf(c)).find((i) => i >= 0);
        if (device === undefined) throw messages.noDeviceColumn(at, record);
        columns = {
          device,
          group: names.indexOf('group'),
          value: names.indexOf('value'),
          owner: names.indexOf('owner'),
          tags: names.indexOf('tags'),
        };
        continue;
      }
      const cell = (i: number): string | undefined => (i >= 0 && record[i] ? record[i] : undefined);
      const device = cell(columns.device);
      if (!device) throw messages.badCsv(at, info.lines, 'has no device id or name');
      const value = cell(columns.value)?.toLowerCase();
      if (value !== undefined && !VALUES.includes(value)) {
        throw messages.badCsv(
          at,
          info.lines,
          `the value of ${device} should be low, normal or high, found "${cell(columns.value)}"`,
        );
      }
      const tags = cell(columns.tags)
        ?.split(/[;|]/)
        .map((t) => t.trim())
        .filter(Boolean);
      const group = cell(columns.group);
      const owner = cell(columns.owner);
      rows.push({
        line: info.lines,
        device,
        ...(group && { group }),
        ...(value && { value: value as DeviceValue }),
        ...(owner && { owner }),
        ...(tags?.length && { tags }),
      });
    }
  } catch (e) {
    throw fromCsvError(e, at);
  }
  if (!columns) throw messages.emptyFile(at);
  return rows;
}

export async function readAssets(path: string, displayPath = path): Promise<AssetRow[]> {
  return readAssetsSource(await openSource(path, displayPath));
}

/**
 * Applies inventory rows to the devices of a builder: by id, else by exact name, else by name in
 * any case (every device with that name). Returns the rows that matched no device.
 */
export function applyAssets(builder: SnapshotBuilder, rows: readonly AssetRow[]): AssetRow[] {
  const byName = new Map<string, string[]>();
  const byLowerName = new Map<string, string[]>();
  for (const id of builder.deviceIds()) {
    const name = builder.device(id)?.name;
    if (!name) continue;
    const push = (map: Map<string, string[]>, key: string): void => {
      const list = map.get(key);
      if (list) list.push(id);
      else map.set(key, [id]);
    };
    push(byName, name);
    push(byLowerName, name.toLowerCase());
  }
  const unmatched: AssetRow[] = [];
  for (const row of rows) {
    const ids = builder.device(row.device)
      ? [row.device]
      : (byName.get(row.device) ?? byLowerName.get(row.device.toLowerCase()) ?? []);
    if (ids.length === 0) unmatched.push(row);
    const patch: Partial<Omit<DeviceInput, 'id'>> = {
      ...(row.group && { group: row.group }),
      ...(row.value && { value: row.value }),
      ...(row.owner && { owner: row.owner }),
      ...(row.tags && { tags: row.tags }),
    };
    for (const id of ids) builder.updateDevice(id, patch);
  }
  return unmatched;
}
