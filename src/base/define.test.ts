import { expect } from '@open-wc/testing';
import { LitElement } from 'lit';
import { defineElement } from './define.js';
import { VERSION } from '../core/version.js';

describe('defineElement', () => {
  it('never throws: the same version twice does nothing, and warns for nobody', () => {
    class A extends LitElement {
      static pgoVersion = VERSION;
    }
    class B extends LitElement {
      static pgoVersion = VERSION;
    }
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (...a: unknown[]) => warnings.push(a);
    try {
      defineElement('pgo-test-same', A);
      expect(() => defineElement('pgo-test-same', B)).not.to.throw();
      expect(customElements.get('pgo-test-same')).to.equal(A);
      expect(warnings).to.have.length(0);
    } finally {
      console.warn = warn;
    }
  });

  it('keeps the first of two versions and warns once per page naming both', () => {
    class Old extends LitElement {
      static pgoVersion = '0.0.1';
    }
    class Other extends LitElement {
      static pgoVersion = '0.0.1';
    }
    class Mine extends LitElement {
      static pgoVersion = VERSION;
    }
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (m: string) => warnings.push(m);
    try {
      customElements.define('pgo-test-old', Old);
      customElements.define('pgo-test-other', Other);
      defineElement('pgo-test-old', Mine);
      defineElement('pgo-test-other', Mine);
      expect(customElements.get('pgo-test-old')).to.equal(Old);
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.contain(VERSION).and.to.contain('0.0.1');
    } finally {
      console.warn = warn;
    }
  });
});
