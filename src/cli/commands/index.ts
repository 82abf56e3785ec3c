import type { Command } from 'commander';
import { registerInitCommand } from './init.ts';
import { registerSecretsCommand } from './secrets.ts';

/** Every CLI command registers itself here (one file per command in this folder). */
export const COMMANDS: ((program: Command) => void)[] = [registerInitCommand, registerSecretsCommand];
