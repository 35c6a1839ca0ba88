<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name>QObject</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation>não foi possível ler %1: %2</translation>
    </message>
</context>
<context>
    <name>certigram::AdminPanel</name>
    <message>
        <source>Admin panel</source>
        <translation>Painel de administração</translation>
    </message>
    <message>
        <source>The server could not start: %1</source>
        <translation>Não foi possível iniciar o servidor: %1</translation>
    </message>
    <message>
        <source>The audit log entries shown were exported to %1.</source>
        <translation>As entradas exibidas do registro de auditoria foram exportadas para %1.</translation>
    </message>
    <message>
        <source>Server status</source>
        <translation>Status do servidor</translation>
    </message>
    <message>
        <source>Start or stop the server</source>
        <translation>Iniciar ou parar o servidor</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Endereço do servidor</translation>
    </message>
    <message>
        <source>CA root fingerprint (SHA-256)</source>
        <translation>Impressão digital da raiz da AC (SHA-256)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>C&amp;opiar</translation>
    </message>
    <message>
        <source>Copy the root fingerprint</source>
        <translation>Copiar a impressão digital da raiz</translation>
    </message>
    <message>
        <source>Holders compare this fingerprint when they first trust this server.</source>
        <translation>Os titulares conferem esta impressão digital ao confiar neste servidor pela primeira vez.</translation>
    </message>
    <message>
        <source>Root &amp;fingerprint:</source>
        <translation>Impressão digital da &amp;raiz:</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensagem</translation>
    </message>
    <message>
        <source>Server configuration</source>
        <translation>Configuração do servidor</translation>
    </message>
    <message>
        <source>Pending codes</source>
        <translation>Códigos pendentes</translation>
    </message>
    <message>
        <source>Codes waiting to be typed in. The codes themselves are never stored, only a keyed hash of each.</source>
        <translation>Códigos aguardando digitação. Os códigos em si nunca são armazenados, apenas um hash com chave de cada um.</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Atividade</translation>
    </message>
    <message>
        <source>Server messages</source>
        <translation>Mensagens do servidor</translation>
    </message>
    <message>
        <source>The server&apos;s own messages appear here; with the console notifier, so do the one-time codes.</source>
        <translation>As mensagens do próprio servidor aparecem aqui; com o notificador de console, os códigos de uso único também.</translation>
    </message>
    <message>
        <source>Admin views</source>
        <translation>Visualizações de administração</translation>
    </message>
    <message>
        <source>&amp;Pending codes</source>
        <translation>Códigos &amp;pendentes</translation>
    </message>
    <message>
        <source>A&amp;udit log</source>
        <translation>Registro de audi&amp;toria</translation>
    </message>
    <message>
        <source>Acti&amp;vity</source>
        <translation>Ati&amp;vidade</translation>
    </message>
    <message>
        <source>Server &amp;messages</source>
        <translation>&amp;Mensagens do servidor</translation>
    </message>
    <message>
        <source>No Telegram bot token is saved: type it in the configuration and save it, or choose the console notifier.</source>
        <translation>Nenhum token de bot do Telegram foi salvo: digite-o na configuração e salve-o, ou escolha o notificador de console.</translation>
    </message>
    <message>
        <source>Cannot create the data directory %1.</source>
        <translation>Não foi possível criar o diretório de dados %1.</translation>
    </message>
    <message>
        <source>Cannot hand the bot token to the server: %1</source>
        <translation>Não foi possível repassar o token do bot ao servidor: %1</translation>
    </message>
    <message>
        <source>Starting the server… The first start creates the CA&apos;s keys, which can take a moment.</source>
        <translation>Iniciando o servidor… A primeira inicialização cria as chaves da AC, o que pode levar alguns instantes.</translation>
    </message>
    <message>
        <source>Reading the bot token…</source>
        <translation>Lendo o token do bot…</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Parado</translation>
    </message>
    <message>
        <source>&amp;Start server</source>
        <translation>&amp;Iniciar servidor</translation>
    </message>
    <message>
        <source>Start the server</source>
        <translation>Iniciar o servidor</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Iniciando…</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Em execução</translation>
    </message>
    <message>
        <source>&amp;Stop server</source>
        <translation>&amp;Parar servidor</translation>
    </message>
    <message>
        <source>Stop the server</source>
        <translation>Parar o servidor</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Parando…</translation>
    </message>
    <message>
        <source>Stop the server to change its configuration.</source>
        <translation>Pare o servidor para alterar a configuração.</translation>
    </message>
    <message>
        <source>The server is running at %1. Holders check the root fingerprint when they first connect.</source>
        <translation>O servidor está em execução em %1. Os titulares conferem a impressão digital da raiz ao se conectarem pela primeira vez.</translation>
    </message>
    <message>
        <source>The server has stopped.</source>
        <translation>O servidor foi parado.</translation>
    </message>
    <message>
        <source>There is no fingerprint to copy yet: start the server first.</source>
        <translation>Ainda não há impressão digital para copiar: inicie o servidor primeiro.</translation>
    </message>
    <message>
        <source>The root fingerprint was copied to the clipboard.</source>
        <translation>A impressão digital da raiz foi copiada para a área de transferência.</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>aviso</translation>
    </message>
    <message>
        <source>error</source>
        <translation>erro</translation>
    </message>
    <message>
        <source>Another program (or another Certigram server) uses that port: choose another port, or stop that program.</source>
        <translation>Outro programa (ou outro servidor Certigram) está usando essa porta: escolha outra porta ou encerre esse programa.</translation>
    </message>
    <message>
        <source>Confi&amp;guration</source>
        <translation>Confi&amp;guração</translation>
    </message>
    <message>
        <source>No CA in this data directory yet: it is created when the server first starts</source>
        <translation>Ainda não há AC neste diretório de dados: ela é criada na primeira vez que o servidor é iniciado</translation>
    </message>
</context>
<context>
    <name>certigram::AuditLogModel</name>
    <message>
        <source>Cannot read the audit log %1: %2</source>
        <translation>Não foi possível ler o registro de auditoria %1: %2</translation>
    </message>
    <message>
        <source>Debug</source>
        <translation>Depuração</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Informação</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Aviso</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erro</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Crítico</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Data e hora</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Nível</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensagem</translation>
    </message>
    <message>
        <source>Remote address</source>
        <translation>Endereço remoto</translation>
    </message>
</context>
<context>
    <name>certigram::AuditLogView</name>
    <message>
        <source>Audit log</source>
        <translation>Registro de auditoria</translation>
    </message>
    <message>
        <source>Minimum level</source>
        <translation>Nível mínimo</translation>
    </message>
    <message>
        <source>All levels</source>
        <translation>Todos os níveis</translation>
    </message>
    <message>
        <source>Info and above</source>
        <translation>Informação e acima</translation>
    </message>
    <message>
        <source>Warnings and above</source>
        <translation>Avisos e acima</translation>
    </message>
    <message>
        <source>Errors and above</source>
        <translation>Erros e acima</translation>
    </message>
    <message>
        <source>Critical only</source>
        <translation>Somente críticos</translation>
    </message>
    <message>
        <source>Message contains</source>
        <translation>A mensagem contém</translation>
    </message>
    <message>
        <source>Message contains…</source>
        <translation>A mensagem contém…</translation>
    </message>
    <message>
        <source>Remote address contains</source>
        <translation>O endereço remoto contém</translation>
    </message>
    <message>
        <source>Remote address…</source>
        <translation>Endereço remoto…</translation>
    </message>
    <message>
        <source>Time range</source>
        <translation>Período</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Qualquer período</translation>
    </message>
    <message>
        <source>Last 15 minutes</source>
        <translation>Últimos 15 minutos</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Última hora</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Últimas 24 horas</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Últimos 7 dias</translation>
    </message>
    <message>
        <source>Between…</source>
        <translation>Entre…</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Até</translation>
    </message>
    <message>
        <source>&amp;Level:</source>
        <translation>&amp;Nível:</translation>
    </message>
    <message>
        <source>&amp;When:</source>
        <translation>&amp;Quando:</translation>
    </message>
    <message>
        <source>Audit log entries</source>
        <translation>Entradas do registro de auditoria</translation>
    </message>
    <message>
        <source>Entries shown</source>
        <translation>Entradas exibidas</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation>&amp;Exportar CSV…</translation>
    </message>
    <message>
        <source>Export the entries shown as CSV</source>
        <translation>Exportar as entradas exibidas como CSV</translation>
    </message>
    <message>
        <source>%1 of %2 entries shown</source>
        <translation>%1 de %2 entradas exibidas</translation>
    </message>
    <message>
        <source>Export the audit log</source>
        <translation>Exportar o registro de auditoria</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Arquivos CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>certigram::BotTokenStore</name>
    <message>
        <source>The bot token is empty.</source>
        <translation>O token do bot está vazio.</translation>
    </message>
    <message>
        <source>The system keychain refused to store the bot token: %1</source>
        <translation>O chaveiro do sistema se recusou a armazenar o token do bot: %1</translation>
    </message>
    <message>
        <source>The system keychain refused to give the bot token: %1</source>
        <translation>O chaveiro do sistema se recusou a fornecer o token do bot: %1</translation>
    </message>
    <message>
        <source>Cannot create the folder for the bot token file %1.</source>
        <translation>Não foi possível criar a pasta para o arquivo de token do bot %1.</translation>
    </message>
    <message>
        <source>Cannot save the bot token to %1: %2</source>
        <translation>Não foi possível salvar o token do bot em %1: %2</translation>
    </message>
    <message>
        <source>Cannot read the bot token from %1: %2</source>
        <translation>Não foi possível ler o token do bot de %1: %2</translation>
    </message>
    <message>
        <source>Cannot delete the bot token file %1.</source>
        <translation>Não foi possível excluir o arquivo de token do bot %1.</translation>
    </message>
</context>
<context>
    <name>certigram::CodePage</name>
    <message>
        <source>&amp;Send me a code</source>
        <translation>&amp;Enviar um código</translation>
    </message>
    <message>
        <source>Your Telegram account</source>
        <translation>Sua conta do Telegram</translation>
    </message>
    <message>
        <source>Enter your numeric Telegram user id. The server sends a one-time code to that account to prove it is yours.</source>
        <translation>Digite o seu ID numérico do Telegram. O servidor envia um código de uso único para essa conta, para comprovar que ela é sua.</translation>
    </message>
    <message>
        <source>Telegram user id</source>
        <translation>ID do Telegram</translation>
    </message>
    <message>
        <source>Code from Telegram</source>
        <translation>Código recebido no Telegram</translation>
    </message>
    <message>
        <source>Telegram &amp;user id:</source>
        <translation>&amp;ID do Telegram:</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Código:</translation>
    </message>
    <message>
        <source>Tip: Telegram apps show your id in Settings, or ask a bot such as @userinfobot.</source>
        <translation>Dica: os aplicativos do Telegram mostram o seu ID nas Configurações; você também pode perguntar a um bot como o @userinfobot.</translation>
    </message>
    <message>
        <source>Asking the server to send a code…</source>
        <translation>Pedindo ao servidor que envie um código…</translation>
    </message>
    <message>
        <source>&amp;Send a new code</source>
        <translation>&amp;Enviar um novo código</translation>
    </message>
    <message>
        <source>The code has expired: ask for a new one.</source>
        <translation>O código expirou: peça um novo.</translation>
    </message>
    <message>
        <source>A code is on its way to your Telegram. It is valid for %1.</source>
        <translation>Um código está a caminho do seu Telegram. Ele é válido por %1.</translation>
    </message>
    <message numerus="yes">
        <source>No code? You can ask for a new one in %n second(s).</source>
        <translation>
            <numerusform>Não recebeu o código? Você poderá pedir um novo em %n segundo.</numerusform>
            <numerusform>Não recebeu o código? Você poderá pedir um novo em %n segundos.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>certigram::CountersTable</name>
    <message>
        <source>Codes sent</source>
        <translation>Códigos enviados</translation>
    </message>
    <message>
        <source>Repeated code requests refused</source>
        <translation>Pedidos de código repetidos recusados</translation>
    </message>
    <message>
        <source>Invalid Telegram ids</source>
        <translation>IDs do Telegram inválidos</translation>
    </message>
    <message>
        <source>Code requests rate-limited</source>
        <translation>Pedidos de código barrados pelo limite de taxa</translation>
    </message>
    <message>
        <source>Codes not delivered</source>
        <translation>Códigos não entregues</translation>
    </message>
    <message>
        <source>Wrong codes typed</source>
        <translation>Códigos errados digitados</translation>
    </message>
    <message>
        <source>Codes burned (no attempts left)</source>
        <translation>Códigos inutilizados (sem tentativas restantes)</translation>
    </message>
    <message>
        <source>Codes typed with none pending</source>
        <translation>Códigos digitados sem nenhum pendente</translation>
    </message>
    <message>
        <source>Enrolment tokens issued</source>
        <translation>Tokens de inscrição emitidos</translation>
    </message>
    <message>
        <source>Revocation tokens issued</source>
        <translation>Tokens de revogação emitidos</translation>
    </message>
    <message>
        <source>Revocation tokens refused</source>
        <translation>Tokens de revogação recusados</translation>
    </message>
    <message>
        <source>Server counters</source>
        <translation>Contadores do servidor</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>Contador</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>HTTP requests</source>
        <translation>Requisições HTTP</translation>
    </message>
    <message>
        <source>Requests handled since the server started.</source>
        <translation>Requisições atendidas desde que o servidor foi iniciado.</translation>
    </message>
    <message>
        <source>Succeeded (2xx)</source>
        <translation>Bem-sucedidas (2xx)</translation>
    </message>
    <message>
        <source>Refused (4xx)</source>
        <translation>Recusadas (4xx)</translation>
    </message>
    <message>
        <source>Bad input, wrong codes, rate limits.</source>
        <translation>Dados inválidos, códigos errados, limites de taxa.</translation>
    </message>
    <message>
        <source>Failed (5xx)</source>
        <translation>Com falha (5xx)</translation>
    </message>
    <message>
        <source>Server-side failures: see the audit log.</source>
        <translation>Falhas no lado do servidor: consulte o registro de auditoria.</translation>
    </message>
    <message>
        <source>Mean response time (ms)</source>
        <translation>Tempo médio de resposta (ms)</translation>
    </message>
</context>
<context>
    <name>certigram::CsvExporter</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Não foi possível gravar %1: %2</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>Não foi possível salvar %1: %2</translation>
    </message>
</context>
<context>
    <name>certigram::EnrollProgressPage</name>
    <message>
        <source>Getting your certificate</source>
        <translation>Obtendo o seu certificado</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progresso</translation>
    </message>
    <message>
        <source>Checking the code…</source>
        <translation>Verificando o código…</translation>
    </message>
    <message>
        <source>Generating your %1 key…</source>
        <translation>Gerando a sua chave %1…</translation>
    </message>
    <message>
        <source>Asking the CA for your certificate…</source>
        <translation>Solicitando o seu certificado à AC…</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Salvando…</translation>
    </message>
    <message>
        <source>%1

Go back to correct what is wrong, or cancel.</source>
        <translation>%1

Volte para corrigir o que está errado, ou cancele.</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Concluído.</translation>
    </message>
</context>
<context>
    <name>certigram::EnrollWizard</name>
    <message>
        <source>Your certificate is ready</source>
        <translation>Seu certificado está pronto</translation>
    </message>
    <message>
        <source>&lt;p&gt;Certificate for &lt;b&gt;%1&lt;/b&gt; from &lt;b&gt;%2&lt;/b&gt;, valid until %3.&lt;/p&gt;&lt;p&gt;Next steps:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Certigram renews it automatically while it runs.&lt;/li&gt;&lt;li&gt;Use &lt;i&gt;Export&lt;/i&gt; to install it in a browser or another program (PKCS#12).&lt;/li&gt;&lt;li&gt;If this computer is lost, revoke it from another one with a Telegram code.&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;p&gt;Certificado para &lt;b&gt;%1&lt;/b&gt; emitido por &lt;b&gt;%2&lt;/b&gt;, válido até %3.&lt;/p&gt;&lt;p&gt;Próximos passos:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;O Certigram o renova automaticamente enquanto estiver em execução.&lt;/li&gt;&lt;li&gt;Use &lt;i&gt;Exportar&lt;/i&gt; para instalá-lo em um navegador ou em outro programa (PKCS#12).&lt;/li&gt;&lt;li&gt;Se este computador for perdido, revogue o certificado a partir de outro computador com um código do Telegram.&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>New certificate</source>
        <translation>Novo certificado</translation>
    </message>
</context>
<context>
    <name>certigram::ExportDialog</name>
    <message>
        <source>PKCS#12 file (.p12) — for browsers, Windows, macOS</source>
        <translation>Arquivo PKCS#12 (.p12) — para navegadores, Windows, macOS</translation>
    </message>
    <message>
        <source>PEM files — key and certificate, for servers and scripts</source>
        <translation>Arquivos PEM — chave e certificado, para servidores e scripts</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Procurar…</translation>
    </message>
    <message>
        <source>&amp;Legacy encryption for old programs (Windows 7, old Java)</source>
        <translation>Criptografia &amp;legada para programas antigos (Windows 7, Java antigo)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportar</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>Exportar %1</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Destino</translation>
    </message>
    <message>
        <source>Export password</source>
        <translation>Senha de exportação</translation>
    </message>
    <message>
        <source>Export password again</source>
        <translation>Repita a senha de exportação</translation>
    </message>
    <message>
        <source>Key passphrase</source>
        <translation>Senha da chave</translation>
    </message>
    <message>
        <source>&amp;Save to:</source>
        <translation>&amp;Salvar em:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>Se&amp;nha:</translation>
    </message>
    <message>
        <source>&amp;Again:</source>
        <translation>&amp;Repetir:</translation>
    </message>
    <message>
        <source>&amp;Key passphrase:</source>
        <translation>Senha da &amp;chave:</translation>
    </message>
    <message>
        <source>required</source>
        <translation>obrigatória</translation>
    </message>
    <message>
        <source>optional: encrypts the key</source>
        <translation>opcional: criptografa a chave</translation>
    </message>
    <message>
        <source>Choose where to save.</source>
        <translation>Escolha onde salvar.</translation>
    </message>
    <message>
        <source>A PKCS#12 file needs a password.</source>
        <translation>Um arquivo PKCS#12 precisa de uma senha.</translation>
    </message>
    <message>
        <source>The passwords differ.</source>
        <translation>As senhas não coincidem.</translation>
    </message>
    <message>
        <source>Export as PKCS#12</source>
        <translation>Exportar como PKCS#12</translation>
    </message>
    <message>
        <source>PKCS#12 files (*.p12 *.pfx)</source>
        <translation>Arquivos PKCS#12 (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>Export PEM files into</source>
        <translation>Exportar arquivos PEM para</translation>
    </message>
    <message>
        <source>%1 exists already: choose another name.</source>
        <translation>%1 já existe: escolha outro nome.</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exportando…</translation>
    </message>
</context>
<context>
    <name>certigram::IdentityDetails</name>
    <message>
        <source>Subject:</source>
        <translation>Titular:</translation>
    </message>
    <message>
        <source>Names (SAN):</source>
        <translation>Nomes (SAN):</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Situação:</translation>
    </message>
    <message>
        <source>Valid:</source>
        <translation>Validade:</translation>
    </message>
    <message>
        <source>Lifetime used</source>
        <translation>Validade decorrida</translation>
    </message>
    <message>
        <source>Lifetime used:</source>
        <translation>Validade decorrida:</translation>
    </message>
    <message>
        <source>Serial (hex):</source>
        <translation>Número de série (hex):</translation>
    </message>
    <message>
        <source>Serial (decimal):</source>
        <translation>Número de série (decimal):</translation>
    </message>
    <message>
        <source>Issuer:</source>
        <translation>Emissor:</translation>
    </message>
    <message>
        <source>Chain:</source>
        <translation>Cadeia:</translation>
    </message>
    <message>
        <source>SHA-256:</source>
        <translation>SHA-256:</translation>
    </message>
    <message>
        <source>SHA-1:</source>
        <translation>SHA-1:</translation>
    </message>
    <message>
        <source>Key usage:</source>
        <translation>Uso da chave:</translation>
    </message>
    <message>
        <source>Key:</source>
        <translation>Chave:</translation>
    </message>
    <message>
        <source>Certificate PEM</source>
        <translation>PEM do certificado</translation>
    </message>
    <message>
        <source>&amp;Copy PEM</source>
        <translation>Copiar &amp;PEM</translation>
    </message>
    <message>
        <source>Select an identity to see its certificate.</source>
        <translation>Selecione uma identidade para ver o certificado dela.</translation>
    </message>
    <message>
        <source>revoked on %1</source>
        <translation>revogado em %1</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) left</source>
        <translation>
            <numerusform>%n dia restante</numerusform>
            <numerusform>%n dias restantes</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>de %1 a %2</translation>
    </message>
    <message>
        <source>(none stored)</source>
        <translation>(nenhuma armazenada)</translation>
    </message>
    <message>
        <source>%1, protected by a passphrase</source>
        <translation>%1, protegida por senha</translation>
    </message>
</context>
<context>
    <name>certigram::IdentityTableModel</name>
    <message>
        <source>Valid</source>
        <translation>Válido</translation>
    </message>
    <message>
        <source>Renew soon</source>
        <translation>Renovar em breve</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expirado</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Revogado</translation>
    </message>
    <message>
        <source>%1 — valid until %2 (%3)</source>
        <translation>%1 — válido até %2 (%3)</translation>
    </message>
    <message>
        <source>Telegram ID</source>
        <translation>ID do Telegram</translation>
    </message>
    <message>
        <source>CA profile</source>
        <translation>Perfil da AC</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Chave</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>Número de série</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Expira em</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>Dias restantes</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Situação</translation>
    </message>
</context>
<context>
    <name>certigram::KeyPage</name>
    <message>
        <source>Your key</source>
        <translation>Sua chave</translation>
    </message>
    <message>
        <source>The private key is generated on this computer and never leaves it.</source>
        <translation>A chave privada é gerada neste computador e nunca sai dele.</translation>
    </message>
    <message>
        <source>Key type</source>
        <translation>Tipo de chave</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Senha da chave</translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation>Repita a senha da chave</translation>
    </message>
    <message>
        <source>Key &amp;type:</source>
        <translation>&amp;Tipo de chave:</translation>
    </message>
    <message>
        <source>&amp;Passphrase (optional):</source>
        <translation>&amp;Senha (opcional):</translation>
    </message>
    <message>
        <source>&amp;Again:</source>
        <translation>&amp;Repetir:</translation>
    </message>
    <message>
        <source>Without a passphrase the key is still readable by your user account only. With one, you type it to renew, revoke or export; automatic renewal cannot open it.</source>
        <translation>Mesmo sem senha, a chave só pode ser lida pela sua conta de usuário. Com senha, você precisa digitá-la para renovar, revogar ou exportar; a renovação automática não consegue abrir a chave.</translation>
    </message>
    <message>
        <source>Recommended: fast, small, accepted everywhere.</source>
        <translation>Recomendada: rápida, compacta, aceita em todo lugar.</translation>
    </message>
    <message>
        <source>Slow: generating it takes several seconds, and every TLS handshake costs more. Choose it only if a service demands it.</source>
        <translation>Lenta: gerá-la leva vários segundos, e cada handshake TLS fica mais custoso. Escolha-a somente se algum serviço exigir.</translation>
    </message>
    <message>
        <source>Modern and fast, but some older software does not accept it.</source>
        <translation>Moderna e rápida, mas alguns programas mais antigos não a aceitam.</translation>
    </message>
    <message>
        <source>Widely accepted.</source>
        <translation>Amplamente aceita.</translation>
    </message>
</context>
<context>
    <name>certigram::MainWindow</name>
    <message>
        <source>Server (admin mode)</source>
        <translation>Servidor (modo administrador)</translation>
    </message>
    <message>
        <source>Certigram</source>
        <translation>Certigram</translation>
    </message>
    <message>
        <source>Identities</source>
        <translation>Identidades</translation>
    </message>
    <message>
        <source>Filter by id, profile, serial…</source>
        <translation>Filtrar por ID, perfil, número de série…</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filtro</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>Filtro de situação</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Todos</translation>
    </message>
    <message>
        <source>&amp;New certificate…</source>
        <translation>&amp;Novo certificado…</translation>
    </message>
    <message>
        <source>&amp;Renew now</source>
        <translation>&amp;Renovar agora</translation>
    </message>
    <message>
        <source>Re&amp;voke…</source>
        <translation>Re&amp;vogar…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportar…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importar…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>E&amp;xcluir…</translation>
    </message>
    <message>
        <source>Open &amp;folder</source>
        <translation>Abrir &amp;pasta</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>A&amp;tualizar</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Configurações…</translation>
    </message>
    <message>
        <source>&amp;Admin mode</source>
        <translation>Modo &amp;administrador</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Localizar</translation>
    </message>
    <message>
        <source>&amp;About Certigram</source>
        <translation>&amp;Sobre o Certigram</translation>
    </message>
    <message>
        <source>About Certigram</source>
        <translation>Sobre o Certigram</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Certigram %1&lt;/h3&gt;&lt;p&gt;Client certificates for Telegram identities from a step-ca style certificate authority.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Certigram %1&lt;/h3&gt;&lt;p&gt;Certificados de cliente para identidades do Telegram, emitidos por uma autoridade certificadora no estilo step-ca.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <source>&amp;Certificate</source>
        <translation>&amp;Certificado</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>E&amp;xibir</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Ferramentas</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aj&amp;uda</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Principal</translation>
    </message>
    <message>
        <source>&amp;Show Certigram</source>
        <translation>&amp;Mostrar o Certigram</translation>
    </message>
    <message>
        <source>Certificate renewed</source>
        <translation>Certificado renovado</translation>
    </message>
    <message>
        <source>%1 is valid until %2.</source>
        <translation>%1 está válido até %2.</translation>
    </message>
    <message>
        <source>Renewal failed</source>
        <translation>Falha na renovação</translation>
    </message>
    <message>
        <source>%1: %2 (next try: %3)</source>
        <translation>%1: %2 (próxima tentativa: %3)</translation>
    </message>
    <message numerus="yes">
        <source>%n identity(ies)</source>
        <translation>
            <numerusform>%n identidade</numerusform>
            <numerusform>%n identidades</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n identity folder(s) unreadable</source>
        <translation>
            <numerusform>%n pasta de identidade ilegível</numerusform>
            <numerusform>%n pastas de identidade ilegíveis</numerusform>
        </translation>
    </message>
    <message>
        <source>automatic renewal off</source>
        <translation>renovação automática desativada</translation>
    </message>
    <message>
        <source>next renewal %1</source>
        <translation>próxima renovação em %1</translation>
    </message>
    <message>
        <source>No certificates yet. Click “New certificate” to get one with your Telegram account, or import one.</source>
        <translation>Ainda não há certificados. Clique em “Novo certificado” para obter um com a sua conta do Telegram, ou importe um.</translation>
    </message>
    <message>
        <source>Select an identity to see its certificate.</source>
        <translation>Selecione uma identidade para ver o certificado dela.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Senha da chave</translation>
    </message>
    <message>
        <source>The key of %1 is protected. Passphrase:</source>
        <translation>A chave de %1 está protegida. Senha:</translation>
    </message>
    <message>
        <source>Certificate issued</source>
        <translation>Certificado emitido</translation>
    </message>
    <message>
        <source>%1 is ready.</source>
        <translation>%1 está pronto.</translation>
    </message>
    <message>
        <source>Renewing %1…</source>
        <translation>Renovando %1…</translation>
    </message>
    <message>
        <source>Certificate revoked</source>
        <translation>Certificado revogado</translation>
    </message>
    <message>
        <source>%1 is revoked.</source>
        <translation>%1 foi revogado.</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>Exportado para %1</translation>
    </message>
    <message>
        <source>Import a certificate</source>
        <translation>Importar um certificado</translation>
    </message>
    <message>
        <source>PKCS#12 or PEM files (*.p12 *.pfx *.pem *.crt *.key);;All files (*)</source>
        <translation>Arquivos PKCS#12 ou PEM (*.p12 *.pfx *.pem *.crt *.key);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <source>Choose one PKCS#12 file, or a certificate and its key.</source>
        <translation>Escolha um arquivo PKCS#12, ou um certificado e a respectiva chave.</translation>
    </message>
    <message>
        <source>Password of the PKCS#12 file:</source>
        <translation>Senha do arquivo PKCS#12:</translation>
    </message>
    <message>
        <source>Passphrase of the key (leave empty if it has none):</source>
        <translation>Senha da chave (deixe em branco se ela não tiver senha):</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importando…</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>Falha na importação</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importado</translation>
    </message>
    <message>
        <source>%1 was imported.</source>
        <translation>%1 foi importado.</translation>
    </message>
    <message>
        <source>Delete %1 and its private key from this computer?</source>
        <translation>Excluir %1 e a respectiva chave privada deste computador?</translation>
    </message>
    <message>
        <source>The certificate is still valid: export it first if you need it elsewhere, or revoke it if it must not be used again.</source>
        <translation>O certificado ainda é válido: exporte-o antes se precisar dele em outro lugar, ou revogue-o se ele não puder mais ser usado.</translation>
    </message>
    <message>
        <source>Delete identity</source>
        <translation>Excluir identidade</translation>
    </message>
    <message>
        <source>Delete failed</source>
        <translation>Falha na exclusão</translation>
    </message>
    <message>
        <source>Certigram keeps running</source>
        <translation>O Certigram continua em execução</translation>
    </message>
    <message>
        <source>Certificates are renewed in the background. Quit from the tray menu.</source>
        <translation>Os certificados são renovados em segundo plano. Para sair, use o menu da bandeja.</translation>
    </message>
    <message>
        <source>Certificate expired</source>
        <translation>Certificado expirado</translation>
    </message>
    <message>
        <source>%1 has expired. Enrol again to get a new certificate.</source>
        <translation>%1 expirou. Faça um novo registro para obter um novo certificado.</translation>
    </message>
    <message>
        <source>Renew soon</source>
        <translation>Renovar em breve</translation>
    </message>
    <message numerus="yes">
        <source>%1 expires in %n day(s): renew it now.</source>
        <translation>
            <numerusform>%1 expira em %n dia: renove-o agora.</numerusform>
            <numerusform>%1 expira em %n dias: renove-o agora.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>certigram::PendingCodesModel</name>
    <message>
        <source>Cannot read the pending codes: %1</source>
        <translation>Não foi possível ler os códigos pendentes: %1</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>expirado</translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>Expires at %1</source>
        <translation>Expira em %1</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Titular</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Finalidade</translation>
    </message>
    <message>
        <source>Expires in</source>
        <translation>Expira em</translation>
    </message>
    <message>
        <source>Attempts left</source>
        <translation>Tentativas restantes</translation>
    </message>
</context>
<context>
    <name>certigram::ProfilePage</name>
    <message>
        <source>&amp;Use a CA I have used before:</source>
        <translation>&amp;Usar uma AC que já usei antes:</translation>
    </message>
    <message>
        <source>Connect to a &amp;new CA:</source>
        <translation>Conectar a uma &amp;nova AC:</translation>
    </message>
    <message>
        <source>Certificate authority</source>
        <translation>Autoridade certificadora</translation>
    </message>
    <message>
        <source>Choose where your certificate comes from. Your administrator gives you the CA&apos;s address and the fingerprint of its root certificate.</source>
        <translation>Escolha de onde vem o seu certificado. O seu administrador informa o endereço da AC e a impressão digital do certificado raiz dela.</translation>
    </message>
    <message>
        <source>Saved CA profiles</source>
        <translation>Perfis de AC salvos</translation>
    </message>
    <message>
        <source>CA address</source>
        <translation>Endereço da AC</translation>
    </message>
    <message>
        <source>the same as the CA</source>
        <translation>o mesmo da AC</translation>
    </message>
    <message>
        <source>Registration address</source>
        <translation>Endereço de registro</translation>
    </message>
    <message>
        <source>64 hexadecimal digits, colons allowed</source>
        <translation>64 dígitos hexadecimais, dois-pontos permitidos</translation>
    </message>
    <message>
        <source>Root fingerprint</source>
        <translation>Impressão digital da raiz</translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation>Nome do perfil</translation>
    </message>
    <message>
        <source>CA &amp;address:</source>
        <translation>&amp;Endereço da AC:</translation>
    </message>
    <message>
        <source>&amp;Registration address:</source>
        <translation>Endereço de &amp;registro:</translation>
    </message>
    <message>
        <source>Root &amp;fingerprint (SHA-256):</source>
        <translation>&amp;Impressão digital da raiz (SHA-256):</translation>
    </message>
    <message>
        <source>Profile na&amp;me:</source>
        <translation>Nome do &amp;perfil:</translation>
    </message>
    <message>
        <source>The profile name</source>
        <translation>O nome do perfil</translation>
    </message>
    <message>
        <source>registration address</source>
        <translation>endereço de registro</translation>
    </message>
    <message>
        <source>Connecting to %1 and checking its root certificate…</source>
        <translation>Conectando a %1 e verificando o certificado raiz…</translation>
    </message>
    <message>
        <source>Trusted: %1</source>
        <translation>Confiável: %1</translation>
    </message>
</context>
<context>
    <name>certigram::RequestsChart</name>
    <message>
        <source>Requests per minute</source>
        <translation>Requisições por minuto</translation>
    </message>
    <message numerus="yes">
        <source>A line chart of the requests the server handled in each of the last %n minutes</source>
        <translation>
            <numerusform>Um gráfico de linhas das requisições atendidas pelo servidor no último minuto</numerusform>
            <numerusform>Um gráfico de linhas das requisições atendidas pelo servidor em cada um dos últimos %n minutos</numerusform>
        </translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Requisições</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Horário</translation>
    </message>
</context>
<context>
    <name>certigram::RevokeDialog</name>
    <message>
        <source>Unspecified</source>
        <translation>Não especificado</translation>
    </message>
    <message>
        <source>No particular reason, or none you want to give.</source>
        <translation>Nenhum motivo específico, ou nenhum que você queira informar.</translation>
    </message>
    <message>
        <source>Key compromise</source>
        <translation>Chave comprometida</translation>
    </message>
    <message>
        <source>Someone else may have the private key: a stolen laptop, a leaked file.</source>
        <translation>Outra pessoa pode ter a chave privada: um notebook roubado, um arquivo vazado.</translation>
    </message>
    <message>
        <source>CA compromise</source>
        <translation>AC comprometida</translation>
    </message>
    <message>
        <source>The certificate authority itself is no longer trusted.</source>
        <translation>A própria autoridade certificadora deixou de ser confiável.</translation>
    </message>
    <message>
        <source>Affiliation changed</source>
        <translation>Afiliação alterada</translation>
    </message>
    <message>
        <source>The name or organisation in the certificate is no longer right.</source>
        <translation>O nome ou a organização no certificado não está mais correto.</translation>
    </message>
    <message>
        <source>Superseded</source>
        <translation>Substituído</translation>
    </message>
    <message>
        <source>It has been replaced by a new certificate.</source>
        <translation>Ele foi substituído por um novo certificado.</translation>
    </message>
    <message>
        <source>Cessation of operation</source>
        <translation>Cessação de operação</translation>
    </message>
    <message>
        <source>It is no longer needed: the service or device is gone.</source>
        <translation>Ele não é mais necessário: o serviço ou dispositivo deixou de existir.</translation>
    </message>
    <message>
        <source>Certificate hold</source>
        <translation>Certificado suspenso</translation>
    </message>
    <message>
        <source>Suspended for now (the CA may treat it as final).</source>
        <translation>Suspenso por enquanto (a AC pode tratar isso como definitivo).</translation>
    </message>
    <message>
        <source>Remove from CRL</source>
        <translation>Remover da CRL</translation>
    </message>
    <message>
        <source>Undo a hold (rarely used by holders).</source>
        <translation>Desfaz uma suspensão (raramente usado por titulares).</translation>
    </message>
    <message>
        <source>Privilege withdrawn</source>
        <translation>Privilégio retirado</translation>
    </message>
    <message>
        <source>The holder is no longer entitled to what the certificate granted.</source>
        <translation>O titular não tem mais permissão para o que o certificado concedia.</translation>
    </message>
    <message>
        <source>Attribute authority compromise</source>
        <translation>Autoridade de atributos comprometida</translation>
    </message>
    <message>
        <source>An authority that vouched for its attributes is no longer trusted.</source>
        <translation>Uma autoridade que atestava os atributos do certificado deixou de ser confiável.</translation>
    </message>
    <message>
        <source>I have &amp;lost the private key: prove the certificate is mine with a Telegram code instead</source>
        <translation>&amp;Perdi a chave privada: em vez dela, comprovar com um código do Telegram que o certificado é meu</translation>
    </message>
    <message>
        <source>Send &amp;code</source>
        <translation>Enviar &amp;código</translation>
    </message>
    <message>
        <source>&amp;Revoke</source>
        <translation>&amp;Revogar</translation>
    </message>
    <message>
        <source>Revoke certificate</source>
        <translation>Revogar certificado</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Reason in your words</source>
        <translation>Motivo com as suas palavras</translation>
    </message>
    <message>
        <source>Key passphrase</source>
        <translation>Senha da chave</translation>
    </message>
    <message>
        <source>Code from Telegram</source>
        <translation>Código recebido no Telegram</translation>
    </message>
    <message>
        <source>I understand that revoking the certificate of %1 (serial %2) cannot be undone.</source>
        <translation>Entendo que a revogação do certificado de %1 (número de série %2) não pode ser desfeita.</translation>
    </message>
    <message>
        <source>Re&amp;ason:</source>
        <translation>&amp;Motivo:</translation>
    </message>
    <message>
        <source>In your &amp;words:</source>
        <translation>Com suas pa&amp;lavras:</translation>
    </message>
    <message>
        <source>Key &amp;passphrase:</source>
        <translation>&amp;Senha da chave:</translation>
    </message>
    <message>
        <source>Co&amp;de:</source>
        <translation>Có&amp;digo:</translation>
    </message>
    <message>
        <source>Asking the server to send a code to %1…</source>
        <translation>Pedindo ao servidor que envie um código para %1…</translation>
    </message>
    <message>
        <source>A code is on its way to your Telegram.</source>
        <translation>Um código está a caminho do seu Telegram.</translation>
    </message>
    <message>
        <source>Revoking…</source>
        <translation>Revogando…</translation>
    </message>
</context>
<context>
    <name>certigram::ServerConfigForm</name>
    <message>
        <source>Server configuration</source>
        <translation>Configuração do servidor</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Servidor</translation>
    </message>
    <message>
        <source>Listen address</source>
        <translation>Endereço de escuta</translation>
    </message>
    <message>
        <source>The IP address to serve on: 127.0.0.1 for this computer only, 0.0.0.0 for every network interface.</source>
        <translation>O endereço IP em que o servidor atende: 127.0.0.1 somente para este computador, 0.0.0.0 para todas as interfaces de rede.</translation>
    </message>
    <message>
        <source>Listen port</source>
        <translation>Porta de escuta</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Porta:</translation>
    </message>
    <message>
        <source>&amp;Listen on:</source>
        <translation>&amp;Escutar em:</translation>
    </message>
    <message>
        <source>Data directory</source>
        <translation>Diretório de dados</translation>
    </message>
    <message>
        <source>Holds the CA keys, the database and the audit log.</source>
        <translation>Contém as chaves da AC, o banco de dados e o registro de auditoria.</translation>
    </message>
    <message>
        <source>&amp;Data directory:</source>
        <translation>&amp;Diretório de dados:</translation>
    </message>
    <message>
        <source>Choose the data directory</source>
        <translation>Escolher o diretório de dados</translation>
    </message>
    <message>
        <source>Notifier</source>
        <translation>Notificador</translation>
    </message>
    <message>
        <source>Console (codes appear in the server messages; testing only)</source>
        <translation>Console (os códigos aparecem nas mensagens do servidor; somente para testes)</translation>
    </message>
    <message>
        <source>Telegram bot</source>
        <translation>Bot do Telegram</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Comando</translation>
    </message>
    <message>
        <source>Telegram bot token</source>
        <translation>Token do bot do Telegram</translation>
    </message>
    <message>
        <source>123456789:AA… from @BotFather</source>
        <translation>123456789:AA… fornecido pelo @BotFather</translation>
    </message>
    <message>
        <source>Save the bot token</source>
        <translation>Salvar o token do bot</translation>
    </message>
    <message>
        <source>&amp;Bot token:</source>
        <translation>Token do &amp;bot:</translation>
    </message>
    <message>
        <source>Bot token status</source>
        <translation>Status do token do bot</translation>
    </message>
    <message>
        <source>Notification command</source>
        <translation>Comando de notificação</translation>
    </message>
    <message>
        <source>Runs with the subject as its argument and the message on its standard input (no shell).</source>
        <translation>É executado com o titular como argumento e a mensagem na entrada padrão (sem shell).</translation>
    </message>
    <message>
        <source>Choose the notification program</source>
        <translation>Escolher o programa de notificação</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>Limites</translation>
    </message>
    <message>
        <source>Maximum open connections</source>
        <translation>Máximo de conexões abertas</translation>
    </message>
    <message>
        <source>Requests per minute per address</source>
        <translation>Requisições por minuto por endereço</translation>
    </message>
    <message>
        <source>Burst of requests per address</source>
        <translation>Rajada de requisições por endereço</translation>
    </message>
    <message>
        <source>Code lifetime in seconds</source>
        <translation>Validade do código em segundos</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Attempts per code</source>
        <translation>Tentativas por código</translation>
    </message>
    <message>
        <source>Code requests per address per hour</source>
        <translation>Pedidos de código por endereço por hora</translation>
    </message>
    <message>
        <source>Open c&amp;onnections at most:</source>
        <translation>&amp;Limite de conexões abertas:</translation>
    </message>
    <message>
        <source>&amp;Requests per minute per address:</source>
        <translation>Re&amp;quisições por minuto por endereço:</translation>
    </message>
    <message>
        <source>Code re&amp;quests per address per hour:</source>
        <translation>Pedidos de código por endereço por &amp;hora:</translation>
    </message>
    <message>
        <source>Certificate authority</source>
        <translation>Autoridade certificadora</translation>
    </message>
    <message>
        <source>CA mode</source>
        <translation>Modo da AC</translation>
    </message>
    <message>
        <source>Embedded (this app is the CA)</source>
        <translation>Integrada (este aplicativo é a AC)</translation>
    </message>
    <message>
        <source>External step-ca</source>
        <translation>step-ca externa</translation>
    </message>
    <message>
        <source>C&amp;A mode:</source>
        <translation>&amp;Modo da AC:</translation>
    </message>
    <message>
        <source>Names the CA answers to</source>
        <translation>Nomes pelos quais a AC responde</translation>
    </message>
    <message>
        <source>localhost, 127.0.0.1, this computer&apos;s name</source>
        <translation>localhost, 127.0.0.1, o nome deste computador</translation>
    </message>
    <message>
        <source>Host names and IP addresses, separated by commas, that clients use to reach this server. Its TLS certificate carries them.</source>
        <translation>Nomes de host e endereços IP, separados por vírgulas, que os clientes usam para acessar este servidor. O certificado TLS do servidor inclui todos eles.</translation>
    </message>
    <message>
        <source>Server &amp;names:</source>
        <translation>&amp;Nomes do servidor:</translation>
    </message>
    <message>
        <source>External CA URL</source>
        <translation>URL da AC externa</translation>
    </message>
    <message>
        <source>External CA root certificate file</source>
        <translation>Arquivo do certificado raiz da AC externa</translation>
    </message>
    <message>
        <source>Provisioner name</source>
        <translation>Nome do provisionador</translation>
    </message>
    <message>
        <source>Provisioner key file</source>
        <translation>Arquivo da chave do provisionador</translation>
    </message>
    <message>
        <source>Provisioner password file</source>
        <translation>Arquivo de senha do provisionador</translation>
    </message>
    <message>
        <source>Server TLS certificate file</source>
        <translation>Arquivo do certificado TLS do servidor</translation>
    </message>
    <message>
        <source>Server TLS key file</source>
        <translation>Arquivo da chave TLS do servidor</translation>
    </message>
    <message>
        <source>CA &amp;URL:</source>
        <translation>&amp;URL da AC:</translation>
    </message>
    <message>
        <source>&amp;Root certificate:</source>
        <translation>Certificado &amp;raiz:</translation>
    </message>
    <message>
        <source>&amp;Provisioner:</source>
        <translation>&amp;Provisionador:</translation>
    </message>
    <message>
        <source>Provisioner &amp;key:</source>
        <translation>C&amp;have do provisionador:</translation>
    </message>
    <message>
        <source>Provisioner pass&amp;word file:</source>
        <translation>Arquivo de &amp;senha do provisionador:</translation>
    </message>
    <message>
        <source>TLS ke&amp;y:</source>
        <translation>Cha&amp;ve TLS:</translation>
    </message>
    <message>
        <source>A bot token is saved in the system keychain.</source>
        <translation>Há um token de bot salvo no chaveiro do sistema.</translation>
    </message>
    <message>
        <source>A bot token is saved in %1 (readable by you only).</source>
        <translation>Há um token de bot salvo em %1 (legível somente por você).</translation>
    </message>
    <message>
        <source>No bot token is saved yet.</source>
        <translation>Nenhum token de bot foi salvo ainda.</translation>
    </message>
    <message>
        <source>The token is kept in the system keychain, or in a file only you can read when there is none.</source>
        <translation>O token é guardado no chaveiro do sistema ou, se não houver chaveiro, em um arquivo que só você pode ler.</translation>
    </message>
    <message>
        <source>The token is kept in a file only you can read.</source>
        <translation>O token é guardado em um arquivo que só você pode ler.</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Procurar…</translation>
    </message>
    <message>
        <source>Type the bot token @BotFather gave you, then save it.</source>
        <translation>Digite o token do bot fornecido pelo @BotFather e depois salve-o.</translation>
    </message>
    <message>
        <source>This does not look like a bot token: it should read like 123456789:AAE… (the bot&apos;s number, a colon, then the secret).</source>
        <translation>Isto não parece um token de bot: ele deve ter a forma 123456789:AAE… (o número do bot, dois-pontos e depois o segredo).</translation>
    </message>
    <message>
        <source>The listen address &quot;%1&quot; is not an IP address. Use 127.0.0.1 to serve this computer only, or 0.0.0.0 to serve the network.</source>
        <translation>O endereço de escuta &quot;%1&quot; não é um endereço IP. Use 127.0.0.1 para atender somente este computador, ou 0.0.0.0 para atender a rede.</translation>
    </message>
    <message>
        <source>Choose a data directory: it holds the CA keys, the database and the audit log.</source>
        <translation>Escolha um diretório de dados: ele contém as chaves da AC, o banco de dados e o registro de auditoria.</translation>
    </message>
    <message>
        <source>The data directory must be a full path, such as %1.</source>
        <translation>O diretório de dados precisa ser um caminho completo, como %1.</translation>
    </message>
    <message>
        <source>The data directory %1 is a file, not a folder.</source>
        <translation>O diretório de dados %1 é um arquivo, não uma pasta.</translation>
    </message>
    <message>
        <source>The command notifier needs a program to run: fill in &quot;Command&quot;, or choose another notifier.</source>
        <translation>O notificador por comando precisa de um programa para executar: preencha &quot;Comando&quot; ou escolha outro notificador.</translation>
    </message>
    <message>
        <source>The Telegram notifier needs the bot&apos;s token: type it in &quot;Bot token&quot; and save it, or choose the console notifier.</source>
        <translation>O notificador do Telegram precisa do token do bot: digite-o em &quot;Token do bot&quot; e salve-o, ou escolha o notificador de console.</translation>
    </message>
    <message>
        <source>The external CA&apos;s URL must be an https address, such as https://ca.example.org:9000.</source>
        <translation>A URL da AC externa precisa ser um endereço https, como https://ca.example.org:9000.</translation>
    </message>
    <message>
        <source>the external CA&apos;s root certificate</source>
        <translation>certificado raiz da AC externa</translation>
    </message>
    <message>
        <source>the provisioner&apos;s key</source>
        <translation>chave do provisionador</translation>
    </message>
    <message>
        <source>the provisioner&apos;s password file</source>
        <translation>senha do provisionador</translation>
    </message>
    <message>
        <source>the server&apos;s TLS certificate</source>
        <translation>certificado TLS do servidor</translation>
    </message>
    <message>
        <source>the server&apos;s TLS key</source>
        <translation>chave TLS do servidor</translation>
    </message>
    <message>
        <source>An external CA needs %1: choose its file.</source>
        <translation>Uma AC externa precisa de um arquivo de %1: escolha-o.</translation>
    </message>
    <message>
        <source>The file for %1 does not exist: %2</source>
        <translation>O arquivo de %1 não existe: %2</translation>
    </message>
    <message>
        <source>An external CA needs the name of its JWK provisioner.</source>
        <translation>Uma AC externa precisa do nome do provisionador JWK dela.</translation>
    </message>
    <message>
        <source>The configuration is not complete: %1</source>
        <translation>A configuração está incompleta: %1</translation>
    </message>
    <message>
        <source>Send codes &amp;with:</source>
        <translation>Enviar código&amp;s por:</translation>
    </message>
    <message>
        <source>Save &amp;token</source>
        <translation>Salvar to&amp;ken</translation>
    </message>
    <message>
        <source>Comma&amp;nd:</source>
        <translation>Coma&amp;ndo:</translation>
    </message>
    <message>
        <source>&amp;Burst per address:</source>
        <translation>Ra&amp;jada por endereço:</translation>
    </message>
    <message>
        <source>Code l&amp;ifetime:</source>
        <translation>&amp;Validade do código:</translation>
    </message>
    <message>
        <source>Attempts per cod&amp;e:</source>
        <translation>&amp;Tentativas por código:</translation>
    </message>
    <message>
        <source>TLS certificate:</source>
        <translation>Certificado TLS:</translation>
    </message>
</context>
<context>
    <name>certigram::ServerWorker</name>
    <message>
        <source>The server is already running.</source>
        <translation>O servidor já está em execução.</translation>
    </message>
</context>
<context>
    <name>certigram::SettingsDialog</name>
    <message>
        <source>Renew certificates &amp;automatically while Certigram runs</source>
        <translation>Renovar certificados &amp;automaticamente enquanto o Certigram estiver em execução</translation>
    </message>
    <message>
        <source>Start &amp;minimised to the tray</source>
        <translation>Iniciar &amp;minimizado na bandeja</translation>
    </message>
    <message>
        <source>Show the a&amp;dmin panel (run a registration server here)</source>
        <translation>Mostrar o painel de a&amp;dministração (executar um servidor de registro aqui)</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <source>Renew after this percentage of the validity period</source>
        <translation>Renovar após esta porcentagem da validade</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Padrão do sistema</translation>
    </message>
    <message>
        <source>CA profiles</source>
        <translation>Perfis de AC</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Geral</translation>
    </message>
    <message>
        <source>Renew &amp;after:</source>
        <translation>Re&amp;novar após:</translation>
    </message>
    <message>
        <source>&amp;Language (after a restart):</source>
        <translation>&amp;Idioma (após reiniciar):</translation>
    </message>
    <message>
        <source>&amp;Remove profile</source>
        <translation>&amp;Remover perfil</translation>
    </message>
    <message>
        <source>%1 — %2 (root %3…)</source>
        <translation>%1 — %2 (raiz %3…)</translation>
    </message>
    <message>
        <source>Remove profile</source>
        <translation>Remover perfil</translation>
    </message>
    <message>
        <source>Remove the CA profile &quot;%1&quot;? Its identities stay, but cannot be renewed until you connect to that CA again.</source>
        <translation>Remover o perfil de AC &quot;%1&quot;? As identidades dele continuam aqui, mas não poderão ser renovadas até você se conectar de novo a essa AC.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Certificate manager for Telegram-verified client certificates.</source>
        <translation>Gerenciador de certificados de cliente verificados pelo Telegram.</translation>
    </message>
    <message>
        <source>The holder&apos;s folder.</source>
        <translation>A pasta do titular.</translation>
    </message>
    <message>
        <source>Start in the tray.</source>
        <translation>Iniciar na bandeja.</translation>
    </message>
    <message>
        <source>Start in admin mode with the registration server and its embedded CA running (the settings of the admin panel; by default on https://localhost:8443).</source>
        <translation>Iniciar no modo administrador, com o servidor de registro e a AC integrada em execução (usa as configurações do painel de administração; por padrão em https://localhost:8443).</translation>
    </message>
</context>
</TS>
