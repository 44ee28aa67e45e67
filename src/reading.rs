//! What to read from a source (`Filter`) and what reading it cost (`Stats`): shared by every dialect's
//! inspector and by the commands that choose.

/// Which schemas to read. Applied inside the catalog queries, never after fetching.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    /// Read object owners too (`--with-owners`); without it ownership is not part of the model.
    pub owners: bool,
    /// Read the values of secret options too (`--show-secrets`); otherwise only their digests.
    pub secrets: bool,
    /// Read and compare roles too (`--with-roles`): cluster-wide, so off by default.
    pub roles: bool,
    /// How renames are treated (`--rename`, `--renames`): not a reading option, carried here so that every
    /// command that compares gets it.
    pub renames: crate::renames::Renames,
    /// A platform profile (`--profile supabase`): the platform's objects are left out of the model.
    pub profile: Option<crate::profile::Profile>,
}

/// What an inspection cost: the number of catalog queries sent (round trips do not grow with objects).
#[derive(Clone, Copy, Debug, Default)]
pub struct Stats {
    pub queries: usize,
    /// Definitions the inspector could not render itself and had the server deparse (by OID, last query).
    pub deparsed: usize,
}
