/**
 * Devices as the assessment rows describe them. Every row repeats its device's name, group and
 * platform, and carries the time that row was last seen; a device is read once, on its first row,
 * and its last-seen time is the latest over its rows. The builder receives each device once, at
 * the end, so that millions of rows cost one map lookup each.
 */
import type { DeviceInput, SnapshotBuilder } from '@exposure/score';
import { defenderTime, optionalString, type DefenderRecord, type Locator } from './fields.js';
import { messages } from '../../messages.js';
import { osName } from './map.js';

export interface DeviceKeys {
  deviceName: string;
  rbacGroupName: string;
  osPlatform: string;
  osVersion: string;
}

interface Entry {
  input: DeviceInput;
  /** The latest last-seen value as written, and as ISO time. */
  raw?: string;
  seen?: string;
}

export class DeviceCollector {
  private readonly devices = new Map<string, Entry>();

  get size(): number {
    return this.devices.size;
  }

  /** Records the device of a row: its details on first sight, then only its last-seen time. */
  row(
    id: string,
    rec: DefenderRecord,
    keys: DeviceKeys,
    seenKey: string | undefined,
    loc: Locator,
  ): void {
    let entry = this.devices.get(id);
    if (entry === undefined) {
      const name = optionalString(rec, keys.deviceName, loc);
      const group = optionalString(rec, keys.rbacGroupName, loc);
      const os = osName(
        optionalString(rec, keys.osPlatform, loc),
        optionalString(rec, keys.osVersion, loc),
      );
      entry = { input: { id, ...(name && { name }), ...(os && { os }), ...(group && { group }) } };
      this.devices.set(id, entry);
    }
    if (seenKey === undefined) return;
    const raw = rec[seenKey];
    // Rows of one device mostly repeat one time: a value equal to the latest so far is neither
    // checked nor parsed again.
    if (raw === entry.raw || raw === undefined || raw === null || raw === '') return;
    // A last-seen time that is not a time is refused, not dropped: dropping it would bring a
    // device that is no longer seen back into scope.
    const seen = typeof raw === 'string' ? defenderTime(raw) : undefined;
    if (seen === undefined)
      throw messages.badTime(
        loc.file,
        loc.at(seenKey),
        typeof raw === 'string' ? raw : String(raw),
      );
    if (entry.seen === undefined || seen > entry.seen) {
      entry.raw = raw as string;
      entry.seen = seen;
    }
  }

  /** Hands every device to the builder (details fill gaps left by other files). */
  flush(builder: SnapshotBuilder): void {
    for (const { input, seen } of this.devices.values()) {
      builder.addDevice(seen === undefined ? input : { ...input, lastSeen: seen });
    }
  }
}
