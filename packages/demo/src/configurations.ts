import type { SeverityLabel } from '@exposure/score';
import type { DemoConfiguration } from './catalogue-types.js';

const WINDOWS = ['win-client', 'win-server'];

const SPECS: readonly [string, string, SeverityLabel, readonly string[], number][] = [
  ['scid-2010', 'Enable Microsoft Defender Antivirus real-time protection', 'high', WINDOWS, 0.03],
  ['scid-2011', 'Update Microsoft Defender Antivirus definitions', 'medium', WINDOWS, 0.08],
  [
    'scid-2012',
    'Enable Microsoft Defender Antivirus cloud-delivered protection',
    'medium',
    WINDOWS,
    0.05,
  ],
  [
    'scid-91',
    'Set User Account Control (UAC) to automatically deny elevation requests',
    'medium',
    ['win-client'],
    0.25,
  ],
  ['scid-20', 'Disable SMBv1 client driver', 'high', WINDOWS, 0.06],
  [
    'scid-5001',
    'Turn on BitLocker drive encryption for all fixed drives',
    'high',
    ['win-client'],
    0.07,
  ],
  [
    'scid-68',
    "Disable 'Allow Basic authentication' for WinRM Client",
    'medium',
    ['win-server'],
    0.12,
  ],
  ['scid-6080', 'Enable FileVault disk encryption', 'high', ['mac'], 0.1],
  ['scid-7010', 'Disable SSH root login', 'medium', ['linux-server', 'linux-desktop', 'k8s'], 0.15],
  ['scid-7015', 'Disable SSH password authentication', 'low', ['linux-server', 'k8s'], 0.2],
];

/** The security misconfigurations of the demo world (Defender-style secure configuration ids). */
export function demoConfigurations(): DemoConfiguration[] {
  return SPECS.map(([id, title, severity, platforms, prevalence]) => ({
    platforms,
    prevalence,
    weakness: {
      id,
      kind: 'configuration',
      title,
      severity,
      publishedDay: Number.NEGATIVE_INFINITY,
      affects: [],
      kevDay: null,
      pocDay: null,
      weaponizedDay: null,
      epssBase: null,
      epssSlope: 0,
      exceptionRate: 0,
    },
  }));
}
