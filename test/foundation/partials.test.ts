import path from 'node:path';
import ejs from 'ejs';
import { viewsDir } from '../../src/paths';

const render = (name: string, locals: Record<string, unknown>) =>
  ejs.renderFile(path.join(viewsDir, 'partials', `${name}.ejs`), locals);

describe('form field partial', () => {
  it('labels the input and links hint and error with aria-describedby', async () => {
    const html = await render('field', {
      name: 'email',
      label: 'Email address',
      hint: 'We never share it.',
      error: 'Enter an email address.',
      value: 'not-an-email',
    });
    expect(html).toContain('<label class="field__label" for="field-email">Email address</label>');
    expect(html).toContain('id="field-email-hint"');
    expect(html).toContain('id="field-email-error"');
    expect(html).toContain('aria-describedby="field-email-hint field-email-error"');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('value="not-an-email"');
  });

  it('escapes what the user typed', async () => {
    const html = await render('field', { name: 'q', label: 'Search', value: '"><script>alert(1)</script>' });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#34;&gt;&lt;script&gt;');
    expect(html).not.toContain('aria-describedby');
  });
});
