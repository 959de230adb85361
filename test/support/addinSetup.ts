import { configure } from '@testing-library/react';

/**
 * jsdom lacks a few browser APIs that Fluent UI v9 touches; these stubs stand in for them.
 * Each test starts with an empty localStorage (the log queue lives there).
 * A pane's first render (its lazy chunk, Fluent's styles) can take seconds on a loaded CI machine, so the
 * `findBy…`/`waitFor` queries wait up to 10 s instead of the library's 1 s; a real failure still fails.
 */
configure({ asyncUtilTimeout: 10_000 });

class ResizeObserverStub {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}

if (typeof window !== 'undefined') {
  if (!('ResizeObserver' in window)) {
    Object.defineProperty(window, 'ResizeObserver', { writable: true, configurable: true, value: ResizeObserverStub });
  }
  if (!window.matchMedia) {
    Object.defineProperty(window, 'matchMedia', {
      writable: true,
      configurable: true,
      value: (query: string): MediaQueryList => ({
        matches: false,
        media: query,
        onchange: null,
        addListener: () => {},
        removeListener: () => {},
        addEventListener: () => {},
        removeEventListener: () => {},
        dispatchEvent: () => false,
      }),
    });
  }
  if (!window.HTMLElement.prototype.scrollIntoView) {
    window.HTMLElement.prototype.scrollIntoView = function scrollIntoView() {};
  }

  beforeEach(() => window.localStorage.clear());
}
