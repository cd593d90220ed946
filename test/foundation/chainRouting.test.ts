import express, { Router, type ErrorRequestHandler, type RequestHandler } from 'express';
import request from 'supertest';
import { routeByFirstSegment } from '../../src/features/firstSegmentRouting';
import { inSequence } from '../../src/middleware/inSequence';
import { listAppRoutes } from '../helpers/routeTable';

const answer =
  (text: string): RequestHandler =>
  (_req, res) => {
    res.send(text);
  };

const showError: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
  res.status(500).send(`error: ${error instanceof Error ? error.message : String(error)}`);
};

function featureRouters(): Router[] {
  const home = Router();
  home.get('/', answer('home'));
  const directory = Router();
  directory.get('/signatories', answer('list'));
  directory.get('/signatories/:slug', (req, res, next) =>
    req.params.slug === 'later' ? next() : res.send('profile'),
  );
  const nested = Router();
  nested.get('/dashboard', answer('dashboard'));
  const secretariat = Router();
  secretariat.use('/secretariat', nested);
  const later = Router();
  later.get('/signatories/later', answer('later router'));
  const anyPath = Router();
  anyPath.use((req, res, next) => (req.path === '/anything/here' ? res.send('catch-all') : next()));
  const failing = Router();
  failing.get('/fails', () => {
    throw new Error('boom');
  });
  return [home, directory, secretariat, later, anyPath, failing];
}

describe('routing by first path segment', () => {
  const app = express();
  app.use(routeByFirstSegment(featureRouters()));
  app.use((_req, res) => res.status(404).send('not found'));
  app.use(showError);

  it.each([
    ['/', 'home'],
    ['/signatories', 'list'],
    ['/SIGNATORIES', 'list'],
    ['/signatories/', 'list'],
    ['/signatories/acme', 'profile'],
    ['/signatories/later', 'later router'],
    ['/secretariat/dashboard', 'dashboard'],
    ['/anything/here', 'catch-all'],
  ])('%s is answered by the router whose routes match it', async (path, text) => {
    const response = await request(app).get(path).expect(200);
    expect(response.text).toBe(text);
  });

  it('hands unknown paths and unmatched methods on, and errors to the error handler', async () => {
    expect((await request(app).get('/nowhere').expect(404)).text).toBe('not found');
    expect((await request(app).post('/signatories').expect(404)).text).toBe('not found');
    expect((await request(app).get('/fails').expect(500)).text).toBe('error: boom');
  });

  it('leaves every route visible to whoever lists the app routes from its stack', () => {
    const paths = listAppRoutes(app).map(({ method, path }) => `${method} ${path}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        'GET /',
        'GET /signatories',
        'GET /signatories/:slug',
        'GET /secretariat/dashboard',
        'GET /signatories/later',
        'GET /fails',
      ]),
    );
  });
});

describe('middleware in sequence', () => {
  const order: string[] = [];
  const mark =
    (name: string): RequestHandler =>
    (_req, _res, next) => {
      order.push(name);
      next();
    };
  const app = express();
  app.use(
    inSequence([
      mark('a'),
      mark('b'),
      (req, _res, next) => (req.path === '/thrown' ? next(new Error('passed on')) : next()),
      (req, _res, next) => {
        if (req.path === '/sync') throw new Error('thrown');
        if (req.path === '/async') return Promise.reject(new Error('rejected'));
        next();
      },
    ]),
  );
  app.get('/{*rest}', answer('reached'));
  app.use(showError);

  it('runs each handler once, in order, then the routes', async () => {
    order.length = 0;
    expect((await request(app).get('/page').expect(200)).text).toBe('reached');
    expect(order).toEqual(['a', 'b']);
  });

  it.each([
    ['/thrown', 'passed on'],
    ['/sync', 'thrown'],
    ['/async', 'rejected'],
  ])('%s: an error passed, thrown or rejected reaches the error handler', async (path, message) => {
    expect((await request(app).get(path).expect(500)).text).toBe(`error: ${message}`);
  });
});
