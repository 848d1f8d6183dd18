import { Command } from 'commander';

const program = new Command('report-press').description('Raw Chinese text in, GB/T 9704 DOCX and PDF out.');
program.parse();
