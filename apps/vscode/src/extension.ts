import type * as vscode from 'vscode';
import { ExposureExtension } from './exposure-extension.js';

let extension: ExposureExtension | undefined;

/** Builds one object that owns every disposable; nothing is read until after activation. */
export function activate(context: vscode.ExtensionContext): void {
  extension = new ExposureExtension(context);
  context.subscriptions.push(extension);
}

export function deactivate(): void {
  extension?.dispose();
  extension = undefined;
}
