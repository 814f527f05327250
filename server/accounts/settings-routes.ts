import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';
import { route } from '../http/route.ts';
import { authOf } from './auth-scope.ts';
import { loadSettings, saveSettings } from './settings.ts';

// GET/PUT /api/me/settings: one's own settings. A save reaches every open connection of that person
// (this tab included), so other tabs and devices follow at once.
export function settingsRoutes(app: FastifyInstance, { settings, hub, clock }: Pick<Services, 'settings' | 'hub' | 'clock'>): void {
  route(app, 'settings', async (request) => ({ settings: await loadSettings(settings, authOf(request).user.id, clock()) }));

  route(app, 'updateSettings', async (request) => {
    const { user } = authOf(request);
    const saved = await saveSettings(settings, user.id, request.body, clock());
    hub.sendToUsers([user.id], { type: 'settings', settings: saved });
    return { settings: saved };
  });
}
