// placeholder: implemented in the signer commit
