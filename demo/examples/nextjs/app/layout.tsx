import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import '../../example.css';

export const metadata: Metadata = {
  title: 'Next.js 16 · <smartpay-network-token>',
  icons: { icon: 'data:,' },
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
