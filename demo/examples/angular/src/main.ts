import '@smartpay/widget/define';
import { provideZonelessChangeDetection } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { SaveCardComponent } from './save-card.component';

bootstrapApplication(SaveCardComponent, { providers: [provideZonelessChangeDetection()] }).catch((error) =>
  console.error(error),
);
