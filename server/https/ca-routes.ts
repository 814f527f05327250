import type { FastifyInstance } from 'fastify';
import type { HttpsController } from './https-controller.ts';
import { parseAcceptLanguage, pickLang } from '../protocol/lang.ts';
import { renderCaPage } from './ca-page.ts';
import { route } from '../http/route.ts';
import { INSTALL_SCRIPT } from './install-script.ts';

export function caRoutes(app: FastifyInstance, https: HttpsController): void {
  route(app, 'caPage', async (request, reply) => {
    const info = await https.caInfo();
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
    return renderCaPage(info, pickLang(parseAcceptLanguage(request.headers['accept-language'])));
  });

  route(app, 'installPage', async (request, reply) => {
    const info = await https.caInfo();
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
    return renderCaPage(info, pickLang(parseAcceptLanguage(request.headers['accept-language'])), true);
  });

  route(app, 'installScript', async (_request, reply) => {
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-store');
    return INSTALL_SCRIPT;
  });

  // The trust probe: pages fetch it on the https scheme; an untrusted certificate makes that fail.
  route(app, 'httpsProbe', async (_request, reply) => {
    reply.code(204).header('cache-control', 'no-store');
    return reply.send();
  });

  route(app, 'caCert', async (_request, reply) => {
    const info = await https.caInfo();
    // DER is what Windows, iOS and Android all install from a double-click or a tap.
    reply
      .type('application/x-x509-ca-cert')
      .header('content-disposition', 'attachment; filename="sotong-ca.crt"')
      .header('cache-control', 'no-store');
    return info.certDer;
  });
}
