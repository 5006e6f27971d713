// Registering the elements also brings their types: HTMLElementTagNameMap and HTMLElementEventMap type
// `$event` in templates (strictTemplates).
import 'pgo-widgets/define';
import { provideZonelessChangeDetection } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { App } from './app/app';

bootstrapApplication(App, { providers: [provideZonelessChangeDetection()] }).catch((error: unknown) => console.error(error));
