/**
 * Machines: `GET /api/machines`, `GET /api/machines/{id}` and a recommendation's
 * `machineReferences`. Devices only: a machine record holds no findings.
 *
 * `GET /api/machines` lists the fleet (a full observation). One machine (`#Machine`, or a bare
 * record) and a recommendation's exposed machines (`#MachineReferences`) are only some of it: a
 * partial observation, so that they never stand for the whole fleet and drop the other devices.
 *
 * | Defender field              | model                                                   |
 * | --------------------------- | ------------------------------------------------------- |
 * | id (required)               | device.id                                               |
 * | computerDnsName             | device.name (absent: the id is shown)                   |
 * | osPlatform + osVersion (else version) | device.os                                     |
 * | rbacGroupName               | device.group                                            |
 * | deviceValue Low/Normal/High | device.value (absent: normal)                           |
 * | machineTags                 | device.tags                                             |
 * | lastSeen                    | device.lastSeen (unreadable, e.g. anonymised: dropped)  |
 * | riskScore, exposureLevel, healthStatus, isExcluded, ipAddresses | not used           |
 */
import type { Importer } from '../../importer.js';
import {
  defenderTime,
  optionalString,
  optionalStringArray,
  requiredString,
  requireRecord,
} from './fields.js';
import { deviceValue, osName } from './map.js';
import { detectShape, eachRecord } from './shapes.js';

const CONTEXT = /"@odata\.context"\s*:\s*"[^"#]*#([^"]*)"/;

/** True for a machine list (`#Machines`, or a bare list or `value[]` without a context). */
function listsTheFleet(head: string): boolean {
  const context = CONTEXT.exec(head)?.[1];
  if (context !== undefined) return /^Machines$/.test(context);
  return /^\s*\[/.test(head) || /"value"\s*:\s*\[/.test(head);
}

export const defenderMachines: Importer = {
  format: 'defender-machines',
  label: 'Microsoft Defender machines (GET /api/machines; devices only)',
  detect: (head) => detectShape(head) === 'machines',
  async import(ctx) {
    if (!listsTheFleet(ctx.file.head)) ctx.notes.coverage = 'partial';
    for await (const { record, loc } of eachRecord(ctx)) {
      const rec = requireRecord(record, loc);
      const id = requiredString(rec, 'id', loc);
      const name = optionalString(rec, 'computerDnsName', loc);
      const os = osName(
        optionalString(rec, 'osPlatform', loc),
        optionalString(rec, 'osVersion', loc) ?? optionalString(rec, 'version', loc),
      );
      const group = optionalString(rec, 'rbacGroupName', loc);
      const value = deviceValue(optionalString(rec, 'deviceValue', loc), 'deviceValue', loc);
      const tags = optionalStringArray(rec, 'machineTags', loc);
      const lastSeen = defenderTime(optionalString(rec, 'lastSeen', loc));
      ctx.builder.addDevice({
        id,
        ...(name && { name }),
        ...(os && { os }),
        ...(group && { group }),
        ...(value && { value }),
        ...(tags?.length && { tags }),
        ...(lastSeen && { lastSeen }),
      });
    }
  },
};
