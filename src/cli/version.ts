/** The product version, from package.json (inlined by the bundler in the build, read by tsx in development). */
import pkg from '../../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
