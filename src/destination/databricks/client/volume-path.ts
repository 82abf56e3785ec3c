import { ConnectorError } from '../../../errors.ts';

/**
 * Turns `/Volumes/<catalog>/<schema>/<volume>/<path…>` into its URL form, each segment percent-encoded (a file named
 * `a b#1.parquet` must not turn into a query or fragment). Rejects anything outside a volume and `.`/`..` segments.
 */
export function encodeVolumePath(volumePath: string): string {
  const segments = volumePath.split('/').filter((s) => s !== '');
  if (segments[0] !== 'Volumes' || segments.length < 4) {
    throw new ConnectorError(
      'INTERNAL',
      `${volumePath} is not a volume path (/Volumes/<catalog>/<schema>/<volume>/…).`,
    );
  }
  if (segments.some((s) => s === '.' || s === '..')) {
    throw new ConnectorError('INTERNAL', `${volumePath} contains . or .. segments.`);
  }
  return `/${segments.map(encodeURIComponent).join('/')}`;
}
