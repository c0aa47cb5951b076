import type { SnapshotBuilder } from '@exposure/score';
import { nativeDefinitions, type Definition } from './formats/native/sink.js';
import { jsonPath, messages } from './messages.js';

/**
 * Refuses two native snapshots of one time that define a device or a weakness differently: at
 * one time neither is the later word, so whichever was merged first would count. The files are
 * compared in path order, so the message names the same pair in any argument order. (Within one
 * file the native sink refuses the same; scanner reports name devices and weaknesses rather than
 * define them, and merge by design.)
 */
export function refuseConflictingDefinitions(
  imports: ReadonlyArray<{ file: string; time: number; builder: SnapshotBuilder }>,
): void {
  const seen = new Map<string, { file: string; definition: Definition }>();
  const ordered = [...imports].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const { file, time, builder } of ordered) {
    const defined = nativeDefinitions(builder);
    if (!defined) continue;
    for (const section of ['devices', 'weaknesses'] as const) {
      for (const [id, d] of defined[section]) {
        const key = `${time}\0${section}\0${id}`;
        const before = seen.get(key);
        if (before === undefined) seen.set(key, { file, definition: d });
        else if (before.definition.content !== d.content)
          throw messages.conflictingInputs(
            file,
            jsonPath([section, d.index]),
            section === 'devices' ? 'device' : 'weakness',
            id,
            `${before.file} (${jsonPath([section, before.definition.index])})`,
            new Date(time).toISOString(),
          );
      }
    }
  }
}
