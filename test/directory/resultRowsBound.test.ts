import ejs from 'ejs';
import express from 'express';
import request from 'supertest';
import { createResultRows } from '../../src/features/directory/resultRows';
import type { DirectoryEntry } from '../../src/features/directory/snapshot';
import { createI18n } from '../../src/middleware/i18n';
import { localesDir, viewsDir } from '../../src/paths';

function entry(n: number): DirectoryEntry {
  return {
    id: `id-${n}`,
    slug: `organisation-${n}`,
    name: `Organisation ${n}`,
    searchKey: `organisation ${n}`,
    searchText: ` organisation ${n}`,
    country: 'FR',
    category: 'private-sector',
    sector: 'company',
    initiatives: ['paris-call'],
    commitments: [],
    evidenceLevel: 'none',
    joinedYears: [2018],
    firstJoinedAt: Date.UTC(2018, 10, 12),
    website: null,
    domains: [],
    memberships: [],
    status: 'active',
    statusReason: '',
    statusSince: null,
    listedAsNewest: true,
    demo: false,
  };
}

describe('results kept per language', () => {
  it('reuses what it rendered, and starts again from nothing past its bound', async () => {
    const t = createI18n(localesDir).getFixedT('en');
    const entries = [entry(1), entry(2), entry(3)];
    const resultRows = createResultRows(3);
    let rendered = 0;
    const app = express();
    app.set('views', viewsDir);
    app.set('view cache', true);
    app.engine('ejs', (file, options, callback) => {
      if (file.endsWith('result.ejs')) rendered += 1;
      ejs.renderFile(file, options as ejs.Data, callback);
    });
    app.set('view engine', 'ejs');
    app.get('/rows/:from/:to', async (req, res) => {
      const chosen = entries.slice(Number(req.params.from), Number(req.params.to));
      res.json(await resultRows(res, chosen, 'en', t));
    });

    const first = await request(app).get('/rows/0/2');
    expect(first.body).toHaveLength(2);
    expect(first.body[0]).toContain('>Organisation 1</a>');
    expect(rendered).toBe(2);
    await request(app).get('/rows/0/2');
    expect(rendered).toBe(2);
    await request(app).get('/rows/1/3');
    expect(rendered).toBe(3);
    // Three kept: the next call starts from nothing and renders again.
    await request(app).get('/rows/0/1');
    expect(rendered).toBe(4);
  });
});
