//! TLS for PostgreSQL connections on OpenSSL, set up per sslmode. Without verification (allow, prefer,
//! require) the context loads no trust store at all: parsing the system's bundle cost ~15-30 ms of every
//! run, before the first connection. With verification only the given root certificate is trusted, and
//! verify-full also checks the host name. SCRAM channel binding (tls-server-end-point) is offered.

use openssl::hash::MessageDigest;
use openssl::nid::Nid;
use openssl::ssl::{Ssl, SslContext, SslMethod, SslVerifyMode};
use openssl::x509::verify::X509CheckFlags;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio_postgres::tls::{ChannelBinding, MakeTlsConnect, TlsConnect};

/// How to connect: the context, and whether the server's name must match its certificate.
#[derive(Clone)]
pub struct Tls {
    ctx: SslContext,
    verify_hostname: bool,
}

impl Tls {
    /// No verification: encryption only.
    pub fn unverified() -> Result<Self, String> {
        let mut ctx = SslContext::builder(SslMethod::tls_client()).map_err(|e| e.to_string())?;
        ctx.set_verify(SslVerifyMode::NONE);
        Ok(Tls { ctx: ctx.build(), verify_hostname: false })
    }

    /// The server's certificate must chain to `root`; with `hostname`, it must also name the host.
    pub fn verified(root: &std::path::Path, hostname: bool) -> Result<Self, String> {
        let mut ctx = SslContext::builder(SslMethod::tls_client()).map_err(|e| e.to_string())?;
        ctx.set_ca_file(root).map_err(|e| format!("cannot read sslrootcert {}: {e}", root.display()))?;
        ctx.set_verify(SslVerifyMode::PEER);
        Ok(Tls { ctx: ctx.build(), verify_hostname: hostname })
    }
}

impl<S: AsyncRead + AsyncWrite + Unpin + Send + 'static> MakeTlsConnect<S> for Tls {
    type Stream = TlsStream<S>;
    type TlsConnect = Connect;
    type Error = openssl::error::ErrorStack;

    fn make_tls_connect(&mut self, host: &str) -> Result<Connect, Self::Error> {
        let mut ssl = Ssl::new(&self.ctx)?;
        let ip = host.parse::<std::net::IpAddr>().ok();
        // Server name indication is for names, not addresses.
        if ip.is_none() {
            ssl.set_hostname(host)?;
        }
        if self.verify_hostname {
            let param = ssl.param_mut();
            param.set_hostflags(X509CheckFlags::NO_PARTIAL_WILDCARDS);
            match ip {
                Some(ip) => param.set_ip(ip)?,
                None => param.set_host(host)?,
            }
        }
        Ok(Connect { ssl })
    }
}

/// One handshake to make.
pub struct Connect {
    ssl: Ssl,
}

impl<S: AsyncRead + AsyncWrite + Unpin + Send + 'static> TlsConnect<S> for Connect {
    type Stream = TlsStream<S>;
    type Error = Box<dyn std::error::Error + Send + Sync>;
    type Future = Pin<Box<dyn Future<Output = Result<TlsStream<S>, Self::Error>> + Send>>;

    fn connect(self, stream: S) -> Self::Future {
        Box::pin(async move {
            let mut s = tokio_openssl::SslStream::new(self.ssl, stream)?;
            if let Err(e) = Pin::new(&mut s).connect().await {
                let verify = s.ssl().verify_result();
                let why = if verify.as_raw() == 0 { e.to_string() } else { format!("{e}: {}", verify.error_string()) };
                return Err(why.into());
            }
            Ok(TlsStream(s))
        })
    }
}

/// An established TLS session.
pub struct TlsStream<S>(tokio_openssl::SslStream<S>);

impl<S: AsyncRead + AsyncWrite + Unpin> AsyncRead for TlsStream<S> {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_read(cx, buf)
    }
}

impl<S: AsyncRead + AsyncWrite + Unpin> AsyncWrite for TlsStream<S> {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.0).poll_write(cx, buf)
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_flush(cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_shutdown(cx)
    }
}

impl<S: AsyncRead + AsyncWrite + Unpin> tokio_postgres::tls::TlsStream for TlsStream<S> {
    /// RFC 5929 tls-server-end-point: the server certificate's hash, with the digest of its signature
    /// (SHA-256 where that is MD5 or SHA-1).
    fn channel_binding(&self) -> ChannelBinding {
        let Some(cert) = self.0.ssl().peer_certificate() else {
            return ChannelBinding::none();
        };
        let digest = match cert.signature_algorithm().object().nid().signature_algorithms() {
            Some(algs) if matches!(algs.digest, Nid::MD5 | Nid::SHA1) => Some(MessageDigest::sha256()),
            Some(algs) => MessageDigest::from_nid(algs.digest),
            None => None,
        };
        match digest.and_then(|md| cert.digest(md).ok()) {
            Some(hash) => ChannelBinding::tls_server_end_point(hash.to_vec()),
            None => ChannelBinding::none(),
        }
    }
}
