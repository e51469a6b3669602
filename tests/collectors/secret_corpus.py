"""The secret-scrubbing corpus: realistic secrets with their exact masked form, and look-alikes.

Every value here is fake (AWS's documented example keys, jwt.io's example token, made-up
strings of the right shape). The look-alikes are the text that a naive scrubber would ruin:
prose about passwords, hashes, UUIDs, public keys and certificates, documentation
placeholders, and the configuration files that use secret-sounding words for other things.
"""

from __future__ import annotations

M = "•" * 8

JWT = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4g"
    "RG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
)
GHP = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
AWS_ID = "AKIAIOSFODNN7EXAMPLE"
AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
RSA_BODY = (
    "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n"
    "VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n"
    "LxoS2tFczGkPLPgizskuemMghRniWaoLcyehkd3qqGElvW/VDL5AaWTg0nLVkjRo\n"
)
OPENSSH_BODY = (
    "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
    "QyNTUxOQAAACDjKvZy5d7LbWcQn1mD3yZcH0XuJ8o3WmYcN2sGv2E4QAAAAJhq4rKeauKy\n"
)

PUTTY_PUBLIC = "AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"
PUTTY_PRIVATE = "AAAAIFs1Y3JldEtleU1hdGVyaWFsRm9yVGVzdHNPbmx5MDEyMzQ1"
PUTTY = (
    "PuTTY-User-Key-File-3: ssh-ed25519\n"
    "Encryption: none\n"
    "Comment: ed25519-key-20261207\n"
    f"Public-Lines: 1\n{PUTTY_PUBLIC}\n"
    f"Private-Lines: 2\n{PUTTY_PRIVATE}\n{PUTTY_PRIVATE[::-1]}\n"
    "Private-MAC: 6f1c2e9a7b3d4c5e8f0a1b2c3d4e5f606f1c2e9a7b3d4c5e8f0a1b2c3d4e5f60\n"
)
AZURE_KEY = (
    "q1w2e3r4t5y6u7i8o9p0AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/ab/Cd5Ef6Gh7Ij8Kl9Mn0Op1Qr2St=="
)
SLACK_HOOK = "T0A1B2C3D4E/B0F5G6H7I8J/a1B2c3D4e5F6g7H8i9J0k1L2"
OPENAI = "sk-proj-" + "Zq8vT3pL0xR9sK2mN4bV6cX8zA1sD3fG5hJ7kL9qW2eR4tY6uI8oP0aS1dF3gH5j"
GOOGLE = "ya29." + "a0AfB_byC1d2E3f4G5h6I7j8K9l0M1n2O3p4Q5r6S7t8U9v0W1x2Y3z4"

#: (text, exactly what the helpdesk must receive)
SECRETS: list[tuple[str, str]] = [
    ("password=hunter2", f"password={M}"),
    ("DB_PASSWORD=S3cr3t!2024", f"DB_PASSWORD={M}"),
    ('export MYSQL_PWD="w0rd pass"', f'export MYSQL_PWD="{M}"'),
    (
        '{"username": "alice", "password": "correct horse battery staple"}',
        f'{{"username": "alice", "password": "{M}"}}',
    ),
    ("db:\n  user: app\n  password: Tr0ub4dor&3\n", f"db:\n  user: app\n  password: {M}\n"),
    ("passphrase: correct-horse-42", f"passphrase: {M}"),
    ("spring.datasource.password=changeme", f"spring.datasource.password={M}"),
    (
        "Server=db01;Database=crm;User Id=sa;Password=P@ssw0rd;",
        f"Server=db01;Database=crm;User Id=sa;Password={M};",
    ),
    ("GET /login?user=bob&pass=hunter2&next=/home", f"GET /login?user=bob&pass={M}&next=/home"),
    ("Config(user='bob', password='xyz!42')", f"Config(user='bob', password='{M}')"),
    ("connect(host=db, passwd=Pa55w0rd)", f"connect(host=db, passwd={M})"),
    ("mysql -u root --password 'Spr1ng!2024' crm", f"mysql -u root --password '{M}' crm"),
    ("<password>hunter2</password>", f"<password>{M}</password>"),
    ('"refresh_token": "1//0gLxR7mZq8k-L9IrAgYIARAAGBASNwF"', f'"refresh_token": "{M}"'),
    ("client_secret=Zq8~vT3.pL0_xR9-sK2", f"client_secret={M}"),
    ("HELPDESK_API_TOKEN=6f1c2e9a7b3d4c5e8f0a1b2c3d4e5f60", f"HELPDESK_API_TOKEN={M}"),
    ("x-auth-token: 7d2f9c1e-4b6a-4f3e-9d8c-1a2b3c4d5e6f", f"x-auth-token: {M}"),
    ("mysql://root:Zx9!kq@db.internal:3306/app", f"mysql://root:{M}@db.internal:3306/app"),
    (
        "cloning https://alice:pa55word@git.example.com/team/repo.git",
        f"cloning https://alice:{M}@git.example.com/team/repo.git",
    ),
    ("redis://:Redis-Pass-77@cache:6379/0", f"redis://:{M}@cache:6379/0"),
    (
        "mongodb+srv://admin:M0ng0%40pw@cluster0.example.net/db",
        f"mongodb+srv://admin:{M}@cluster0.example.net/db",
    ),
    (f"Authorization: Bearer {JWT}", f"Authorization: Bearer {M}"),
    ("Authorization: Basic YWxpY2U6cGFzc3dvcmQ=", f"Authorization: Basic {M}"),
    ("Proxy-Authorization: Basic dXNlcjpwYXNz", f"Proxy-Authorization: Basic {M}"),
    (f"Authorization: token {GHP}", f"Authorization: token ghp_{M}"),
    (
        "curl -H 'X-Api-Key: 9f8e7d6c5b4a39281706f5e4d3c2b1a0' https://api.example.com",
        f"curl -H 'X-Api-Key: {M}' https://api.example.com",
    ),
    ("retrying with bearer 4f9a2c7e1b8d6f3a0e5c after 401", f"retrying with bearer {M} after 401"),
    ("Cookie: sessionid=abc123; csrftoken=xyz789", f"Cookie: {M}"),
    (f"session restored from {JWT} at 10:42", f"session restored from {M} at 10:42"),
    (f"GITHUB_TOKEN={GHP}", f"GITHUB_TOKEN=ghp_{M}"),
    (
        f"remote: https://{GHP}@github.com/org/repo.git",
        f"remote: https://ghp_{M}@github.com/org/repo.git",
    ),
    ("gho_16C7e42F292c6912E7710c838347Ae178B4a used for checkout", f"gho_{M} used for checkout"),
    (
        "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ012345",
        f"github_pat_{M}",
    ),
    ("CI_JOB uses glpat-xYz123AbC456dEf789gh", f"CI_JOB uses glpat-{M}"),
    (
        "slack webhook with xoxb-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
        f"slack webhook with xoxb-{M}",
    ),
    ("charge failed for sk_live_51HxQ2eK8vTz9W3mN7pL4rYb", f"charge failed for sk_live_{M}"),
    ("maps key AIzaSyA-1234567890abcdefghijklmnopqrstu loaded", f"maps key AIza{M} loaded"),
    (f"aws_access_key_id = {AWS_ID}", f"aws_access_key_id = AKIA{M}"),
    (f"aws_secret_access_key = {AWS_SECRET}", f"aws_secret_access_key = {M}"),
    (f"{AWS_ID},{AWS_SECRET}", f"AKIA{M},{M}"),
    ("temporary credentials ASIAY34FZKBOKMUTVV7A issued", f"temporary credentials ASIA{M} issued"),
    (
        f"-----BEGIN RSA PRIVATE KEY-----\n{RSA_BODY}-----END RSA PRIVATE KEY-----\n",
        f"-----BEGIN RSA PRIVATE KEY-----\n{M}\n-----END RSA PRIVATE KEY-----\n",
    ),
    (
        f"-----BEGIN OPENSSH PRIVATE KEY-----\n{OPENSSH_BODY}-----END OPENSSH PRIVATE KEY-----",
        f"-----BEGIN OPENSSH PRIVATE KEY-----\n{M}\n-----END OPENSSH PRIVATE KEY-----",
    ),
    (
        f"key cut by the log tail:\n-----BEGIN EC PRIVATE KEY-----\n{RSA_BODY}",
        f"key cut by the log tail:\n-----BEGIN EC PRIVATE KEY-----\n{M}\n",
    ),
    (
        '{"private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n'
        '-----END PRIVATE KEY-----\\n"}',
        f'{{"private_key": "{M}"}}',
    ),
    (
        '"key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n'
        '-----END PRIVATE KEY-----\\n"',
        f'"key": "-----BEGIN PRIVATE KEY-----\\n{M}\\n-----END PRIVATE KEY-----\\n"',
    ),
    ("PGPASSWORD=pgpass123 psql -h db", f"PGPASSWORD={M} psql -h db"),
    ("login failed: password=Secret(1) rejected", f"login failed: password={M} rejected"),
    ("password: $2y$10$abcdefghijklmnopqrstuv", f"password: {M}"),
]

#: Text that looks secret-ish and must come out exactly as it went in.
LOOK_ALIKES: list[str] = [
    "The password policy requires 12 characters.",
    "Connected to a token ring network on port 3",
    "request id 123e4567-e89b-12d3-a456-426614174000",
    "commit 9fceb02d0ae598e95dc970b74767f19372d61af8",
    "See key=value docs for the configuration format",
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
    "He was the Bearer of bad news",
    "Docs at https://docs.example.com:8443/help?topic=vpn",
    "http://localhost:8080/@admin/status",
    "XAKIAIOSFODNN7EXAMPLE is not a key, and AKIAK is a village",
    "eyJub3QganNvbg.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
    "eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
    "-----BEGIN CERTIFICATE-----\n"
    "MIIBszCCAVmgAwIBAgIUAKz0E2yL9VrP1Z3qD4Vb8lY2O9YwCgYIKoZIzj0EAwIw\n"
    "-----END CERTIFICATE-----",
    "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE5nHk3j1Lz9X0aQ2pWc7v\n"
    "-----END PUBLIC KEY-----",
    "-----BEGIN PRIVATE KEY----- and -----END PRIVATE KEY----- mark the block",
    "password: <your password here>",
    "PASSWORD=${DB_PASSWORD}",
    "password=********",
    "token: null",
    "auth: none",
    "sshd[812]: auth=publickey for alice from 10.0.0.7",
    "export PWD=/home/alice/projects",
    "tests: pass=42 fail=0",
    "bypass=proxy.local",
    "max_tokens=4096",
    "token_type=bearer grant_type=password",
    "Password changed successfully for user alice",
    "git@github.com:org/repo.git",
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl alice@laptop",
    "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "Author: Jane Doe",
    "ghp_ tokens are personal access tokens",
    "sk_live_ keys start with this prefix",
    "xoxb- tokens belong to bots",
    "AIzaSy is how Google keys begin",
    "the Authorization header is missing",
    "password_min_length=12",
    "token_count: 17",
    "https://example.com/path?user=alice",
    "Secret Santa list is on the wiki",
    "compass=north",
    "passwd:         files systemd",
    'WWW-Authenticate: Bearer realm="example"',
    "Authentication: success",
    "secret: false",
    "cookie: none",
    # Configuration and code that name a secret kept elsewhere (seen in /etc and tracebacks).
    "spf = pass:softfail:neutral:permerror",
    "tls_privatekey = /etc/exim4/exim.key",
    'passwd=$(getent passwd "$user")',
    "private_key\t= $dir/private/cakey.pem",
    "        token = self.get_token()",
    "def open(name, mode='r', pwd=None):",
    "MAIN_TLS_PRIVATEKEY = DKIM_PRIVATE_KEY",
    'server_prompts = "Username:: : Password::"',
    # Issue 17 item 10: command lines, prose and shapes that only look like the new forms.
    "curl -u alice https://api.example.com",  # curl asks for the password
    "curl -u $API_USER:$API_PASSWORD https://x",
    "docker run -u 1000:1000 image",
    "mysql -u root -p crm",  # -p alone asks; crm is the database
    "mysql -h db01 -P 3306 -u root -p",
    "ssh -p 22 admin@nas",
    "sshpass -f ~/.pw ssh admin@nas",
    "The machine is fine but my password expired",
    "Default password is printed on the label",
    "machine room 2: password reset needed",
    "psk-flags=0",
    "key_mgmt=WPA-PSK",
    "AccountName=acme;EndpointSuffix=core.windows.net",
    "See https://hooks.slack.com/services/ for webhooks",
    "the desk-proj-2026 board and sk-learn",
    "ya29. tokens expire after an hour",
    "Basic setup of the printer",
    "Basic authentication failed",
    "Passwort vergessen",
    "PuTTY-User-Key-File-3: ssh-ed25519\nPublic-Lines: 1\n" + PUTTY_PUBLIC + "\n",
]

#: Issue 17 item 10: (text, exactly what the helpdesk must receive, the review page's label).
FORMS: list[tuple[str, str, str]] = [
    (
        "curl -u alice:S3cr3t! https://api.example.com",
        f"curl -u alice:{M} https://api.example.com",
        "Password",
    ),
    (
        "curl -s --user 'svc-backup:pa ss 42' https://x",
        f"curl -s --user 'svc-backup:{M}' https://x",
        "Password",
    ),
    ("curl -ualice:hunter2 https://x", f"curl -ualice:{M} https://x", "Password"),
    ("mysql -h db01 -u root -pS3cret crm", f"mysql -h db01 -u root -p{M} crm", "Password"),
    (
        "mysqldump -uroot -p'Spr1ng 24' --all-databases",
        f"mysqldump -uroot -p'{M}' --all-databases",
        "Password",
    ),
    ("sshpass -p 'Tr0ub4dor' ssh admin@nas", f"sshpass -p '{M}' ssh admin@nas", "Password"),
    ("sshpass -pTr0ub4dor rsync -a x nas:", f"sshpass -p{M} rsync -a x nas:", "Password"),
    (
        "machine api.example.com login alice password n3tRcPass",
        f"machine api.example.com login alice password {M}",
        "Password",
    ),
    (
        "machine git.example.com\n  login bob\n  password gitPa55\n",
        f"machine git.example.com\n  login bob\n  password {M}\n",
        "Password",
    ),
    ("bindpw S3cretLdap", f"bindpw {M}", "Password"),
    (
        "uri ldaps://ldap.example.com\nbindpw = S3cretLdap\n",
        f"uri ldaps://ldap.example.com\nbindpw = {M}\n",
        "Password",
    ),
    (
        'network={\n  ssid="Office"\n  psk="correct horse 42"\n}',
        f'network={{\n  ssid="Office"\n  psk="{M}"\n}}',
        "Password",
    ),
    (
        "[wifi-security]\nkey-mgmt=wpa-psk\npsk=Office-WiFi-2026\n",
        f"[wifi-security]\nkey-mgmt=wpa-psk\npsk={M}\n",
        "Password",
    ),
    ('%any vpn.example.com : PSK "v3ry-s3cret"', f'%any vpn.example.com : PSK "{M}"', "Password"),
    (
        f"DefaultEndpointsProtocol=https;AccountName=acme;AccountKey={AZURE_KEY};EndpointSuffix=core.windows.net",
        f"DefaultEndpointsProtocol=https;AccountName=acme;AccountKey={M};EndpointSuffix=core.windows.net",
        "Azure storage key",
    ),
    (
        f"POST https://hooks.slack.com/services/{SLACK_HOOK} failed",
        f"POST https://hooks.slack.com/services/{M} failed",
        "Slack webhook",
    ),
    (f"OPENAI_KEY {OPENAI}", f"OPENAI_KEY sk-proj-{M}", "OpenAI key"),
    (f"access token {GOOGLE} expired", f"access token ya29.{M} expired", "Google access token"),
    (
        "curl -H 'Basic YWxpY2U6cGFzc3dvcmQ=' https://x",
        f"curl -H 'Basic {M}' https://x",
        "Sign-in header",
    ),
    ("passwort=Geheim123", f"passwort={M}", "Password"),
    ("DB_PASSWORT: Geheim123", f"DB_PASSWORT: {M}", "Password"),
    ("mot_de_passe = 'Secret-fr-1'", f"mot_de_passe = '{M}'", "Password"),
    ("contraseña=Clave-es-1", f"contraseña={M}", "Password"),
    (
        PUTTY,
        PUTTY.replace(f"{PUTTY_PRIVATE}\n{PUTTY_PRIVATE[::-1]}", M),
        "Private key",
    ),
]
SECRETS += [(text, expected) for text, expected, _label in FORMS]
