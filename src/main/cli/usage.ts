/**
 * Every usage text of the command line, apart from the commands themselves: `dnsverify --help` and
 * `dnsverify help COMMAND` print them without loading a command (the diagnose command loads the
 * whole diagnosis engine).
 */

export const MAIN_USAGE = `dnsverify — check DNS records for SSL/TLS certificate domain verification

Usage:
  dnsverify query NAME [TYPE] [options]     look up a record, printed like nslookup
  dnsverify trace NAME [TYPE] [--root S]    follow the delegation from the root, like dig +trace
  dnsverify diagnose --domain D --host H --type TXT|CNAME --value V [options]
                                           find every reason verification would fail
  dnsverify help COMMAND                   options of one command

Exit status: 0 answered/verified, 1 DNS-level failure or not verified yet, 2 bad usage.`

export const QUERY_USAGE = `Usage: dnsverify query NAME [TYPE] [--server S] [--tcp] [--norecurse] [--dnssec] [--cd] [--timeout MS] [--retries N] [--json]
  NAME        the name to look up, e.g. _dnsauth.example.com
  TYPE        record type (default A): TXT, CNAME, CAA, SOA, NS, A, AAAA, MX, DS, DNSKEY ...
  --server S  IP, IP:port, [IPv6]:port, "system" or a preset (google, cloudflare, quad9, opendns, alidns, dnspod, 114dns); default: system
  --tcp       use TCP instead of UDP
  --norecurse clear the RD bit (ask an authoritative server directly)
  --dnssec    set the DO bit (request DNSSEC records)
  --cd        set the CD bit (ask a validating resolver not to validate)
  --timeout   ms to wait for each try (default 2000); --retries extra tries (default 2)
  --json      print the full result as JSON`

export const TRACE_USAGE = `Usage: dnsverify trace NAME [TYPE] [--root S ...] [--auth-port P] [--timeout MS] [--deadline MS] [--ipv6] [--json]
  Follows the delegation from the root servers down to the answer, like dig +trace.
  --root S       root server IP[:port] to start from (repeatable; default: the IANA root servers)
  --auth-port P  port to ask every authoritative server on (labs whose servers do not listen on 53)
  --timeout MS   ms to wait for each try (default 2000)
  --deadline MS  give up on the whole trace after MS ms, however many servers are left to try (default 30000)
  --ipv6         also use IPv6 addresses of servers
  --json         print the whole resolution (every step) as JSON`

export const DIAGNOSE_USAGE = `Usage: dnsverify diagnose --domain D [--domain D2 ...] --host H --type TXT|CNAME --value V [options]
       dnsverify diagnose --record DOMAIN,HOST,TYPE,VALUE [--record ...] [options]
       dnsverify diagnose --input FILE|- [options]
Records:
  --domain     certificate domain: example.com, www.example.com, *.example.com (repeat for multi-domain)
  --host       host record as the CA shows it: _dnsauth or _dnsauth.example.com
  --type       TXT or CNAME;  --value  the record value from the CA (the same for every --domain)
  --record     one record of the order with its own host and value, repeatable:
               --record example.com,_dnsauth,TXT,token1 --record shop.example.com,_dnsauth.shop,TXT,token2
  --input      a JSON file (- for standard input): {"records":[{"domain":…,"host":…,"type":…,"value":…}, …],
               "ca":…, "platform":…, "resolvers":[…], "roots":[…], "authPort":…}; the options below override it
Options:
  --ca         CA id for the CAA check (digicert, geotrust, globalsign, sectigo, letsencrypt, trustasia, ...)
  --platform   where you added the record, by id or name (huaweicloud, aliyun, 阿里云, dnspod, cloudflare, aws, ...)
  --resolver   resolver to check: system, a preset (google, cloudflare, ...) or IP[:port]; default system + presets
               (with --root: none unless given, public resolvers cannot see a private root)
  --root       root server IP[:port] for iterative resolution (labs);  --auth-port  port of authoritative servers
  --timeout    ms a server has to answer (default 2000; asked up to three times within twice that);
  --deadline   ms for the whole check (default 30000): servers still silent then are given up on, and the
               report says so
  --json       the whole report as JSON
  --watch      re-check until verified; --interval seconds between checks (default 30); --max-checks limit
Exit status: 0 verified, 1 waiting or action needed, 2 bad usage.`
