import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { Quasar } from 'quasar'
import { createMemoryHistory, createRouter } from 'vue-router'
import ShellNavLinks from './ShellNavLinks.vue'

const links = [
  { label: 'Home', icon: 'home', to: '/', testId: 'nav-home' },
  { label: 'Models', icon: 'model_training', to: '/models', testId: 'nav-models' },
]

describe('ShellNavLinks', () => {
  it('puts each link in a list item of the list, as ARIA requires', async () => {
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [{ path: '/:any(.*)*', component: { template: '<div />' } }],
    })
    await router.push('/')
    const wrapper = mount(ShellNavLinks, {
      props: { links },
      global: { plugins: [Quasar, router] },
    })

    const list = wrapper.get('[role="list"]')
    const items = list.findAll(':scope > [role="listitem"]')
    expect(items).toHaveLength(2)
    expect(items.map((item) => item.get('a .q-item__section--main').text())).toEqual([
      'Home',
      'Models',
    ])
    expect(list.findAll(':scope > a')).toHaveLength(0)
  })
})
