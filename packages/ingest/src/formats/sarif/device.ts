/**
 * The device a SARIF run scanned: the repository (`versionControlProvenance[].repositoryUri`), else
 * the container image Trivy names in `run.properties.imageName`, else the source root
 * (`originalUriBaseIds`, SRCROOT first) when it is a real folder, else the file name.
 */
import type { JsonFields, JsonObject, JsonPath } from '../shared/json.js';
import { fileStem } from '../shared/json.js';

export interface RunDevice {
  id: string;
  name: string;
}

/**
 * A repository URI as `host/owner/repo`, so that https, ssh (`git@host:owner/repo.git`) and
 * `.git`-suffixed spellings of one repository are one device.
 */
export function repositoryId(uri: string): string {
  const trimmed = uri.trim();
  const scp = /^[\w.-]+@([^:/]+):(.+)$/.exec(trimmed);
  let id: string;
  if (scp) id = `${scp[1]}/${scp[2]}`;
  else {
    try {
      const u = new URL(trimmed);
      id = u.host ? `${u.host}${u.pathname}` : trimmed;
    } catch {
      id = trimmed;
    }
  }
  return id.replace(/\/+$/, '').replace(/\.git$/i, '');
}

function sourceRoot(f: JsonFields, run: JsonObject, path: JsonPath): string | undefined {
  const bases = f.optObject(run, 'originalUriBaseIds', path);
  if (!bases) return undefined;
  const names = Object.keys(bases).sort(
    (a, b) => Number(b === 'SRCROOT') - Number(a === 'SRCROOT'),
  );
  for (const name of names) {
    const base = f.object(bases[name], [...path, 'originalUriBaseIds', name]);
    const uri = f.optStr(base, 'uri', [...path, 'originalUriBaseIds', name]);
    if (!uri) continue;
    const folder = uri.replace(/^file:\/\//i, '').replace(/\/+$/, '');
    // Trivy's ROOTPATH is `file:///`: the root of nothing in particular.
    if (folder !== '' && folder !== '.') return folder;
  }
  return undefined;
}

export function runDevice(
  f: JsonFields,
  run: JsonObject,
  path: JsonPath,
  displayPath: string,
): RunDevice {
  for (const { item: vcp, path: p } of f.objects(run, 'versionControlProvenance', path)) {
    const uri = f.optStr(vcp, 'repositoryUri', p);
    if (uri?.trim()) {
      const id = repositoryId(uri);
      return { id, name: id };
    }
  }
  const props = f.optObject(run, 'properties', path);
  const image = props && f.optStr(props, 'imageName', [...path, 'properties']);
  if (image?.trim()) return { id: image.trim(), name: image.trim() };
  const root = sourceRoot(f, run, path);
  if (root) return { id: root, name: root };
  const stem = fileStem(displayPath);
  return { id: stem, name: stem };
}
