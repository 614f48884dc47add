-- leash's diagnostics in Neovim (0.7 and later), beside clangd: both servers
-- attach to C and C++ buffers and their diagnostics show side by side.
--
--   local leash = dofile('/path/to/leash/integrations/neovim/leash.lua')
--   leash.setup({ cmd = { 'leash', 'lsp' } })
--
-- Extra arguments go in cmd: { 'leash', 'lsp', '--compile-commands-dir=build' }.
-- Quick fixes come through vim.lsp.buf.code_action(). (With nvim-lspconfig,
-- the same cmd and filetypes make a custom server configuration.)
local M = {}

function M.setup(opts)
  opts = opts or {}
  local cmd = opts.cmd or { 'leash', 'lsp' }
  local client_id = nil
  vim.api.nvim_create_autocmd('FileType', {
    pattern = opts.filetypes or { 'c', 'cpp' },
    callback = function(args)
      -- One server for the session: it finds each file's database itself.
      if client_id == nil or vim.lsp.get_client_by_id(client_id) == nil then
        client_id = vim.lsp.start_client({
          name = 'leash',
          cmd = cmd,
          root_dir = vim.fn.getcwd(),
        })
      end
      if client_id then
        vim.lsp.buf_attach_client(args.buf, client_id)
      end
    end,
  })
  M.client_id = function() return client_id end
end

return M
