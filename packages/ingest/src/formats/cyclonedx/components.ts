/**
 * CycloneDX components: the bom-ref index that `affects[].ref` points into (nested components
 * included), package URLs, and the software (vendor, product, version) a component stands for.
 */
import { UNKNOWN_VENDOR } from '@exposure/score';
import type { SoftwareInput } from '@exposure/score';
import type { JsonFields, JsonObject, JsonPath } from '../shared/json.js';

export interface Component {
  ref?: string;
  type?: string;
  group?: string;
  name: string;
  version?: string;
  publisher?: string;
  purl?: string;
}

export interface PackageUrl {
  type: string;
  namespace?: string;
  name: string;
  version?: string;
}

/** Parses `pkg:type/namespace/name@version?qualifiers#subpath` (percent-decoded); undefined if not a purl. */
export function parsePurl(purl: string): PackageUrl | undefined {
  const m =
    /^pkg:\/*([A-Za-z.+-][A-Za-z0-9.+-]*)\/([^?#]+?)(?:@([^?#@]+))?(?:\?[^#]*)?(?:#.*)?$/.exec(
      purl.trim(),
    );
  if (!m) return undefined;
  const segments = m[2]!.split('/').filter(Boolean).map(decode);
  const name = segments.pop();
  if (!name) return undefined;
  return {
    type: m[1]!.toLowerCase(),
    ...(segments.length > 0 && { namespace: segments.join('/') }),
    name,
    ...(m[3] && { version: decode(m[3]) }),
  };
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** A purl without version, qualifiers and subpath: how osv-scanner's affects refs name a package. */
export function purlKey(purl: string): string | undefined {
  const p = parsePurl(purl);
  return p && `pkg:${p.type}/${p.namespace ? p.namespace + '/' : ''}${p.name}`.toLowerCase();
}

export function readComponent(f: JsonFields, c: JsonObject, path: JsonPath): Component {
  const supplier = f.optObject(c, 'supplier', path);
  const manufacturer = f.optObject(c, 'manufacturer', path);
  const ref = f.optStr(c, 'bom-ref', path);
  const type = f.optStr(c, 'type', path);
  const group = f.optStr(c, 'group', path);
  const version = f.optStr(c, 'version', path);
  const publisher =
    f.optStr(c, 'publisher', path) ??
    (supplier && f.optStr(supplier, 'name', [...path, 'supplier'])) ??
    (manufacturer && f.optStr(manufacturer, 'name', [...path, 'manufacturer']));
  const purl = f.optStr(c, 'purl', path);
  return {
    name: f.str(c, 'name', path),
    ...(ref && { ref }),
    ...(type && { type }),
    ...(group && { group }),
    ...(version && { version }),
    ...(publisher && { publisher }),
    ...(purl && { purl }),
  };
}

/** Every component of the BOM by bom-ref and by versionless purl, walking nested components. */
export class ComponentIndex {
  private readonly byRef = new Map<string, Component>();
  private readonly byPurl = new Map<string, Component[]>();
  readonly all: Component[] = [];

  constructor(
    private readonly f: JsonFields,
    bom: JsonObject,
    subject: { item: JsonObject; path: JsonPath } | undefined,
  ) {
    if (subject) this.add(subject.item, subject.path);
    for (const c of f.objects(bom, 'components', [])) this.add(c.item, c.path);
  }

  private add(c: JsonObject, path: JsonPath): void {
    const component = readComponent(this.f, c, path);
    this.all.push(component);
    if (component.ref) this.byRef.set(component.ref, component);
    const key = component.purl && purlKey(component.purl);
    if (key) this.byPurl.set(key, [...(this.byPurl.get(key) ?? []), component]);
    for (const child of this.f.objects(c, 'components', path)) this.add(child.item, child.path);
  }

  /** The components an `affects[].ref` names: by bom-ref, else by purl ignoring the version. */
  resolve(ref: string): Component[] {
    const exact = this.byRef.get(ref);
    if (exact) return [exact];
    const key = ref.startsWith('pkg:') ? purlKey(ref) : undefined;
    const byPurl = key ? this.byPurl.get(key) : undefined;
    if (!byPurl) return [];
    // A ref with a version names that version only.
    const version = parsePurl(ref)?.version;
    return version
      ? byPurl.filter(
          (c) => c.version === version || (c.purl && parsePurl(c.purl)?.version === version),
        )
      : byPurl;
  }

  /** The operating system of an image BOM (Trivy lists it as an operating-system component). */
  operatingSystem(): string | undefined {
    const os = this.all.find((c) => c.type === 'operating-system');
    return os && [os.name, os.version].filter(Boolean).join(' ');
  }
}

/**
 * The vendor of a component that names none anywhere: said, rather than left blank (one spelling,
 * @exposure/score's, which recommendation titles recognize).
 */
export { UNKNOWN_VENDOR };

/**
 * The software a component stands for. Vendor: the group, else the purl's namespace (a distribution
 * for OS packages: `ubuntu`), else the publisher, supplier or manufacturer (1.6) without its e-mail
 * address (Trivy writes the package maintainer there), else the purl's type (`npm`, `pypi`), else
 * "unknown vendor" (a component without a purl that names no organization).
 */
export function softwareOf(c: Component): SoftwareInput {
  const purl = c.purl ? parsePurl(c.purl) : undefined;
  const publisher = c.publisher?.replace(/\s*<[^>]*>\s*/g, ' ').trim();
  const vendor = c.group || purl?.namespace || publisher || purl?.type || UNKNOWN_VENDOR;
  const version = c.version ?? purl?.version;
  return { vendor, product: c.name, ...(version && { version }) };
}

/** Software named only by a purl that matches no component (a ref into another BOM's packages). */
export function softwareOfPurl(purl: string): SoftwareInput | undefined {
  const p = parsePurl(purl);
  if (!p) return undefined;
  return {
    vendor: p.namespace ?? p.type,
    product: p.name,
    ...(p.version && { version: p.version }),
  };
}
