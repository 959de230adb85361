/**
 * Sample requests for the tracked-conversation routes (server/http/routes/conversations.ts), in
 * the form test/server/auth/permissions.test.ts iterates. `prepareConversationSamples` tracks
 * conversations on a customer: each allowed stop stops one of them.
 */
import type { TestApp } from '../../support/testApp';

interface Req {
  method?: string;
  path: string;
  body?: object;
}

const made = { org: '', conversations: [] as string[] };
let stops = 0;

export async function prepareConversationSamples(t: TestApp, token: string, organizationId: string): Promise<void> {
  made.org = organizationId;
  for (let i = 0; i < 3; i++) {
    const conversationId = `permissions-conversation-${i}`;
    const res = await t.http.post('/api/v1/actions/email').set('Authorization', `Bearer ${token}`).send({
      internetMessageId: `<seurattu-${i}@toinen.fi>`, conversationId, subject: 'Seurattu', occurredAt: '2026-11-20T08:30:00Z',
      direction: 'in', from: 'toinen@toinen.fi', to: ['aino.virtanen@omnia.fi'], organizationId, trackConversation: true,
    });
    if (res.status !== 201) throw new Error(`track a conversation: ${res.status} ${JSON.stringify(res.body)}`);
    made.conversations.push(conversationId);
  }
}

export const CONVERSATION_SAMPLES: Record<string, { ok: () => Req }> = {
  'GET /conversations': { ok: () => ({ path: '/conversations' }) },
  'POST /conversations/match': { ok: () => ({ path: '/conversations/match', body: { conversationId: made.conversations[0] } }) },
  'POST /conversations/stop': { ok: () => ({ path: '/conversations/stop', body: { conversationId: made.conversations[stops++ % made.conversations.length], organizationId: made.org } }) },
};
