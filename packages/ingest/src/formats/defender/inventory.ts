/**
 * Software inventory: `GET /api/machines/SoftwareInventoryByMachine`, and the same rows in export
 * files (PascalCase). It lists what is installed, not what is vulnerable: it contributes devices,
 * never findings (a device with no findings elsewhere is in scope and clean).
 *
 * | Defender field              | model                                                         |
 * | --------------------------- | ------------------------------------------------------------- |
 * | deviceId (required)         | device.id                                                     |
 * | deviceName / rbacGroupName  | device.name / device.group                                    |
 * | osPlatform (+ osVersion)    | device.os                                                     |
 * | software*, numberOfWeaknesses, endOfSupport* | not used: findings come from the vulnerability shapes |
 */
import type { SnapshotBuilder } from '@exposure/score';
import type { Importer } from '../../importer.js';
import { DeviceCollector } from './devices.js';
import { isPascalRecord, keyNames, requiredString, requireRecord, type Locator } from './fields.js';
import { detectShape, eachRecord } from './shapes.js';

const KEYS = ['deviceId', 'deviceName', 'rbacGroupName', 'osPlatform', 'osVersion'] as const;

export class InventoryRows {
  private keys: Record<(typeof KEYS)[number], string> | undefined;
  private readonly devices = new DeviceCollector();

  constructor(private readonly builder: SnapshotBuilder) {}

  row(value: unknown, loc: Locator): void {
    const rec = requireRecord(value, loc);
    const k = (this.keys ??= keyNames(KEYS, isPascalRecord(rec)));
    this.devices.row(requiredString(rec, k.deviceId, loc), rec, k, undefined, loc);
  }

  finish(): void {
    this.devices.flush(this.builder);
  }
}

export const defenderSoftwareInventory: Importer = {
  format: 'defender-software-inventory',
  label: 'Microsoft Defender software inventory by machine (API JSON; devices only)',
  detect: (head) => detectShape(head) === 'software-inventory',
  async import(ctx) {
    const rows = new InventoryRows(ctx.builder);
    for await (const { record, loc } of eachRecord(ctx)) rows.row(record, loc);
    rows.finish();
  },
};
